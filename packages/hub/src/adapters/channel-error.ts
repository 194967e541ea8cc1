/** A message a channel could not deliver; `permanent` when retrying cannot help (bad address, 4xx, SMTP 5xx). */
export class ChannelError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
    this.name = 'ChannelError';
  }
}
