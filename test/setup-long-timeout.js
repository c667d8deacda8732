/* Integration and e2e tests talk to real servers: allow them time. */
jest.setTimeout(120000);
