/** `GET /health` on an executor, as a test sees it: status and body (JSON when it parses). */
export async function health(url: string, token?: string): Promise<{ status: number; body: any }> {
  const response = await fetch(`${url}/health`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = text;
  }
  return { status: response.status, body };
}
