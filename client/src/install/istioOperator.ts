/** Quick test, without parsing: does the text look like it holds an IstioOperator? (The check itself runs in the server.) */
export function mentionsIstioOperator(text: string): boolean {
  return /^kind:[ \t]*["']?IstioOperator["']?[ \t]*$/m.test(text) && /install\.istio\.io\//.test(text);
}
