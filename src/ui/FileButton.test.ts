// The file button: a hidden, labelled file input (what tests and assistive tools reach) and the button.
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { FileButton } from './FileButton';

const render = (disabled: boolean) =>
  renderToStaticMarkup(createElement(FileButton, { inputLabel: 'Workspace file to import', accept: '.zip', disabled, onFile: () => {}, children: 'Import…' }));

describe('FileButton', () => {
  it('renders the labelled hidden input with its accept list, then the button', () => {
    expect(render(false)).toBe(
      '<input type="file" accept=".zip" class="visually-hidden" aria-label="Workspace file to import" tabindex="-1"/><button type="button" class="secondary">Import…</button>',
    );
  });

  it('disables the button only', () => {
    expect(render(true)).toBe(
      '<input type="file" accept=".zip" class="visually-hidden" aria-label="Workspace file to import" tabindex="-1"/><button type="button" class="secondary" disabled="">Import…</button>',
    );
  });
});
