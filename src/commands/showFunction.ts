import type { Ctx } from '../ctx';

/**
 * What a function's code lens runs: the profile's flame graph beside the
 * code, focused on that function.
 */
export function showFunction(ctx: Ctx) {
  return (arg?: { profileId?: string; function?: string }): void => {
    const { profiles, activeId } = ctx.profiles;
    const p = profiles.find((x) => x.id === (arg?.profileId ?? activeId));
    if (!p || !ctx.flamePanels) return;
    const panel = ctx.flamePanels.show(p, true);
    if (arg?.function) panel.focus(arg.function);
  };
}
