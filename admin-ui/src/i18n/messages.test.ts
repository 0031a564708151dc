import englishMessages from 'ra-language-english';
import { describe, expect, it } from 'vitest';
import { raChineseMessages } from './raChineseMessages.ts';
import { enMessages, zhCNMessages } from './consoleMessages.ts';

type Tree = { [key: string]: unknown };

function keysOf(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'object' && value !== null ? keysOf(value as Tree, `${prefix}${key}.`) : [`${prefix}${key}`],
  );
}

describe('console messages', () => {
  it('translate every react-admin interface text into Chinese', () => {
    const missing = keysOf(englishMessages).filter((key) => !keysOf(raChineseMessages).includes(key));
    expect(missing).toEqual([]);
  });

  it('offer the same keys in Chinese and English', () => {
    expect(keysOf(zhCNMessages).sort()).toEqual(keysOf(enMessages).sort());
  });

  it('use no plural separator in Chinese, which has no plural forms', () => {
    const plural = keysOf(zhCNMessages).filter((key) => {
      const value = key.split('.').reduce<unknown>((node, part) => (node as Tree)[part], zhCNMessages);
      return typeof value === 'string' && value.includes('||||');
    });
    expect(plural).toEqual([]);
  });
});
