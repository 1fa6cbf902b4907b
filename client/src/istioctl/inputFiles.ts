/**
 * Says which files a workspace setting made istioctl read, so the output never presents a file from
 * the repository as the cluster's own (issue 10, security finding 3). Pure; no `vscode` import.
 */
export function describeInputFiles(command: string, files: Record<string, string | undefined>): string[] {
  const used = Object.entries(files).filter((e): e is [string, string] => !!e[1]);
  return used.map(
    ([setting, file]) => `${command}: reading ${file} (from ${setting}), not the cluster's copy.`,
  );
}
