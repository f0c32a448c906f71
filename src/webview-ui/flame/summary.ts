/**
 * A summary of what the panel drew, for tests in a real browser: written as
 * JSON into a hidden element's data-summary after every render. Off unless
 * the page asks for it (<main id="app" data-test-summary>); VS Code's page
 * never does, so the panel pays nothing for it.
 */
export class TestSummary {
  private readonly element: HTMLElement;

  private constructor() {
    this.element = document.createElement('div');
    this.element.id = 'flame-summary';
    this.element.hidden = true;
    document.body.append(this.element);
  }

  static forPage(root: HTMLElement): TestSummary | null {
    return root.dataset.testSummary !== undefined ? new TestSummary() : null;
  }

  write(data: unknown): void {
    this.element.dataset.summary = JSON.stringify(data);
  }
}
