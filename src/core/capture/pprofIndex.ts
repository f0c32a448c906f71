/**
 * Whether a page is net/http/pprof's index (`GET /debug/pprof/`). A status of
 * 200 is not enough: many servers answer every path with the same page. The
 * index lists the profiles as `heap?debug=1` links under a fixed heading.
 */
export function isPprofIndex(body: string): boolean {
  return /Types of profiles available/.test(body) || /href=['"]?(goroutine|heap)\?debug=1/.test(body);
}
