import * as vscode from 'vscode';
import { HEAT_LEVELS } from '../core/view/lineDecorationSpec';

/**
 * The decoration types, created once for the extension's life (DESIGN rule 2).
 * Colours are theme colours declared in package.json contributes.colors.
 */
export interface DecorationTypes extends vscode.Disposable {
  value: vscode.TextEditorDecorationType;
  stale: vscode.TextEditorDecorationType;
  heat: vscode.TextEditorDecorationType[];
  all(): vscode.TextEditorDecorationType[];
}

export function createDecorationTypes(): DecorationTypes {
  const after = (color: string, fontStyle?: string): vscode.DecorationRenderOptions => ({
    after: { color: new vscode.ThemeColor(color), margin: '0 0 0 2em', fontStyle },
    rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
  });
  const value = vscode.window.createTextEditorDecorationType(after('gomem.inlineValueForeground'));
  const stale = vscode.window.createTextEditorDecorationType(after('gomem.staleValueForeground', 'italic'));
  const heat = Array.from({ length: HEAT_LEVELS }, (_, i) =>
    vscode.window.createTextEditorDecorationType({
      isWholeLine: true,
      backgroundColor: new vscode.ThemeColor(`gomem.heat${i + 1}Background`),
      overviewRulerColor: new vscode.ThemeColor('gomem.heatOverviewRuler'),
      overviewRulerLane: vscode.OverviewRulerLane.Right,
    }),
  );
  const all = () => [value, stale, ...heat];
  return { value, stale, heat, all, dispose: () => all().forEach((d) => d.dispose()) };
}
