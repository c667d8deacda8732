import { DeliveryError } from './webhook.sender';

export interface MailMessage {
  from: string;
  to: string[];
  subject: string;
  text: string;
  html?: string;
}

interface Transport {
  sendMail(message: MailMessage): Promise<{ messageId?: string; rejected?: unknown[] }>;
  close(): void;
}

interface Nodemailer {
  createTransport(url: string): Transport;
}

/** Sends mail over SMTP with nodemailer; one transport (connection settings from the URL) per process. */
export class EmailSender {
  private transport?: Transport;

  constructor(private readonly smtpUrl: string | undefined) {}

  get configured(): boolean {
    return Boolean(this.smtpUrl);
  }

  async send(message: MailMessage): Promise<void> {
    if (!this.smtpUrl) throw new DeliveryError('no SMTP server configured (alerts.smtpUrl)');
    if (!this.transport) {
      // nodemailer ships no type declarations; the little of it used here is typed above.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const nodemailer = require('nodemailer') as Nodemailer;
      this.transport = nodemailer.createTransport(this.smtpUrl);
    }
    try {
      await this.transport.sendMail(message);
    } catch (e) {
      throw new DeliveryError(`SMTP: ${(e as Error).message}`);
    }
  }

  close(): void {
    this.transport?.close();
    this.transport = undefined;
  }
}
