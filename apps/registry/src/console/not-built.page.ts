/** What `/` answers when apps/console/dist is absent. */
export const NOT_BUILT_PAGE = `<!doctype html>
<html lang="fr">
<head><meta charset="utf-8"><title>Vigie : console non construite</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 3rem auto; line-height: 1.5">
<main>
<h1>La console web n’est pas construite</h1>
<p>L’API fonctionne (<a href="/api/docs">documentation de l’API</a>). Pour construire la console, lancez à la racine du dépôt :</p>
<pre><code>node scripts/build-console.js</code></pre>
<p>puis rechargez cette page.</p>
<h2 lang="en">The web console is not built</h2>
<p lang="en">The API is running (<a href="/api/docs">API documentation</a>). Build the console from the repository root with
<code>node scripts/build-console.js</code>, then reload this page.</p>
</main>
</body>
</html>
`;
