import { createServer, IncomingHttpHeaders, Server } from 'node:http';

export interface ReceivedHook {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  at: number;
}

/** A local HTTP server on 127.0.0.1 that records every request; answers `status()` (default 204). */
export class WebhookReceiver {
  readonly received: ReceivedHook[] = [];
  private server?: Server;
  status: (hook: ReceivedHook) => number = () => 204;

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const hook = {
          path: req.url ?? '/',
          headers: req.headers,
          body: Buffer.concat(chunks).toString('utf8'),
          at: Date.now(),
        };
        this.received.push(hook);
        res.statusCode = this.status(hook);
        res.end();
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', () => resolve()));
    const { port } = this.server.address() as { port: number };
    return `http://127.0.0.1:${port}`;
  }

  /** Deliveries whose JSON body concerns this alert. */
  forAlert(id: string): Array<ReceivedHook & { json: { type: string; alert: { id: string } } }> {
    return this.received
      .map((h) => ({ ...h, json: JSON.parse(h.body) as { type: string; alert: { id: string } } }))
      .filter((h) => h.json.alert?.id === id);
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
