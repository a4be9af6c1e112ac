// The browser's PUT of a file to its presigned URL. XMLHttpRequest, because fetch reports no
// upload progress. It sends exactly the headers that were signed: Content-Type (set here) and
// Content-Length (set by the browser from the body).

export type PutOutcome = { ok: true } | { ok: false; aborted: true } | { ok: false; aborted: false; error: string };

export interface PutRequest {
  url: string;
  file: File;
  onProgress(loaded: number): void;
  /** Receives the request as soon as it is open, so the caller can abort it. */
  onStart?(request: XMLHttpRequest): void;
}

/** S3 answers refusals with an XML body; turn the common ones into advice. */
function storageRefusal(status: number, body: string): string {
  if (/Request has expired/i.test(body)) return "The upload link expired before the file arrived. Retry to get a new one.";
  if (/SignatureDoesNotMatch/i.test(body)) return "The storage refused the upload because it did not match what was signed. Retry the upload.";
  return `The storage refused the upload (HTTP ${status}). Retry the upload.`;
}

export function putObject({ url, file, onProgress, onStart }: PutRequest): Promise<PutOutcome> {
  return new Promise((resolve) => {
    const request = new XMLHttpRequest();
    request.open("PUT", url);
    request.setRequestHeader("Content-Type", file.type);
    request.upload.onprogress = (event) => onProgress(event.loaded);
    request.onload = () =>
      resolve(request.status >= 200 && request.status < 300 ? { ok: true } : { ok: false, aborted: false, error: storageRefusal(request.status, request.responseText) });
    request.onerror = () => resolve({ ok: false, aborted: false, error: "The upload was interrupted. Check your connection and retry." });
    request.ontimeout = request.onerror;
    request.onabort = () => resolve({ ok: false, aborted: true });
    onStart?.(request);
    request.send(file);
  });
}
