// The one error the local stack throws for things the developer can fix (a taken port, no Java, a
// server that would not start): scripts/dev.ts prints its message alone, without a stack trace.
export class LocalStackError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "LocalStackError";
  }
}
