/** The region the stack's own clients sign with; the local servers accept any. */
export const REGION = "us-east-1";
