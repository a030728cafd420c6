/**
 * Static pages and scripts, kept as strings so the compiled app needs no asset copying. The
 * scripts are external files (not inline) so the Content-Security-Policy can stay `script-src 'self'`.
 */

export const INVITE_HTML = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Join Cockpit</title>
    <link rel="stylesheet" href="/assets/pages.css" />
  </head>
  <body>
    <main>
      <h1>Join Cockpit</h1>
      <p>Choose a password (12 characters or more) to activate your account.</p>
      <form id="accept">
        <label>Your name <input name="display_name" autocomplete="name" maxlength="120" /></label>
        <label>Password <input name="password" type="password" autocomplete="new-password" minlength="12" maxlength="72" required /></label>
        <button type="submit">Activate account</button>
      </form>
      <p id="outcome" role="status"></p>
    </main>
    <script src="/assets/invite.js"></script>
  </body>
</html>
`;

export const INVITE_JS = `// The token travels in the URL fragment (#token=...), so it never reaches server logs or Referer headers.
(function () {
  var form = document.getElementById('accept');
  var outcome = document.getElementById('outcome');
  var params = new URLSearchParams(location.hash.slice(1) || location.search.slice(1));
  var token = params.get('token');
  if (!token) {
    outcome.textContent = 'This link has no invite token.';
    form.hidden = true;
    return;
  }
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    var body = { token: token, password: form.password.value };
    if (form.display_name.value) body.display_name = form.display_name.value;
    fetch('/v1/invites:accept', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
      .then(function (response) {
        return response.json().then(function (json) {
          if (response.ok) {
            form.hidden = true;
            outcome.textContent = 'Your account ' + json.email + ' is active. You can now sign in.';
          } else {
            outcome.textContent = json.detail || json.title;
          }
        });
      })
      .catch(function () {
        outcome.textContent = 'Cockpit could not be reached.';
      });
  });
})();
`;

export const PAGES_CSS = `body { font: 16px/1.5 system-ui, sans-serif; margin: 0; background: #f4f5f7; color: #1d2433; }
main { max-width: 26rem; margin: 4rem auto; padding: 2rem; background: #fff; border-radius: 8px; box-shadow: 0 1px 3px #0002; }
label { display: block; margin: 1rem 0; }
input { display: block; width: 100%; padding: .5rem; margin-top: .25rem; box-sizing: border-box; }
button { padding: .6rem 1.2rem; border: 0; border-radius: 4px; background: #2454d6; color: #fff; cursor: pointer; }
`;

export const DOCS_HTML = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>Cockpit API</title>
    <link rel="stylesheet" href="/docs/swagger-ui.css" />
  </head>
  <body>
    <div id="swagger-ui"></div>
    <script src="/docs/swagger-ui-bundle.js"></script>
    <script src="/docs/swagger-ui-standalone-preset.js"></script>
    <script src="/docs/init.js"></script>
  </body>
</html>
`;

export const DOCS_INIT_JS = `window.ui = SwaggerUIBundle({
  url: '/openapi.json',
  dom_id: '#swagger-ui',
  deepLinking: true,
  presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
  layout: 'StandaloneLayout',
});
`;
