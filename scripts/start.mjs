// Serves the built site and its API from one Node process (Astro's standalone server).
// Defaults: http://localhost:4321; PORT and HOST override them.
process.env.PORT ??= '4321';
process.env.HOST ??= 'localhost';
await import('../dist/server/entry.mjs');
