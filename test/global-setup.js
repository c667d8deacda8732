/* Creates the vigie_test database on the local PostgreSQL when it is missing. */
const { Client } = require('pg');

module.exports = async () => {
  if (process.env.VIGIE_TEST_DATABASE_URL) return;
  const host = process.env.PGHOST ?? '127.0.0.1';
  const port = Number(process.env.PGPORT ?? 5432);
  const client = new Client({ host, port, user: process.env.PGUSER ?? 'postgres', database: 'postgres', connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
  } catch {
    return; // unreachable: the suites that need it skip or fail with their own message
  }
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = 'vigie_test'");
    if (!rowCount) await client.query('CREATE DATABASE vigie_test');
  } finally {
    await client.end();
  }
};
