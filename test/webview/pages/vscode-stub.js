// Stand-in for VS Code's acquireVsCodeApi in the test page: records what the
// webview posts (window.__posted) and keeps setState/getState in
// sessionStorage, so a reload finds the state again as VS Code's does.
// ?theme=light switches to the Light+ variables.
(() => {
  'use strict';
  const params = new URLSearchParams(location.search);
  if (params.get('theme') === 'light') {
    document.getElementById('theme').setAttribute('href', '/test/webview/pages/light-plus.css');
    document.body.className = 'vscode-light';
  }
  const KEY = 'gomem-test-webview-state';
  window.__posted = [];
  let acquired = false;
  window.acquireVsCodeApi = () => {
    if (acquired) throw new Error('An instance of the VS Code API has already been acquired');
    acquired = true;
    return Object.freeze({
      postMessage: (m) => window.__posted.push(structuredClone(m)),
      getState: () => {
        const s = sessionStorage.getItem(KEY);
        return s === null ? undefined : JSON.parse(s);
      },
      setState: (s) => {
        sessionStorage.setItem(KEY, JSON.stringify(s));
        return s;
      },
    });
  };
})();
