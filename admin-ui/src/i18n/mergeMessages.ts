/** Messages as polyglot reads them: sections nested to any depth, ending in strings. */
export type MessageTree = { readonly [key: string]: string | MessageTree };

/** A folder's share of the messages, in both languages (Chinese first: it is the console's default). */
export type FolderMessages = { readonly zh: MessageTree; readonly en: MessageTree };

/**
 * One language's tree from every folder's share. Folders add to the same sections (`resources`, `kamflow`), but a key
 * written by two folders would let one text silently win, so that throws: loading the console or its messages test
 * fails instead.
 */
export function mergeMessages(trees: readonly MessageTree[]): MessageTree {
  const merged: Record<string, string | MessageTree> = {};
  for (const tree of trees) mergeInto(merged, tree, '');
  return merged;
}

function mergeInto(target: Record<string, string | MessageTree>, source: MessageTree, path: string): void {
  for (const [key, value] of Object.entries(source)) {
    const keyPath = `${path}${key}`;
    const existing = target[key];
    if (typeof value === 'string' || typeof existing === 'string') {
      if (existing !== undefined) throw new Error(`the message "${keyPath}" is defined twice`);
      target[key] = value;
      continue;
    }
    const section: Record<string, string | MessageTree> = existing ? { ...existing } : {};
    mergeInto(section, value, `${keyPath}.`);
    target[key] = section;
  }
}
