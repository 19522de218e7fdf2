// A button that opens the file chooser, with the file input itself hidden but labelled (tests and
// assistive tools can still reach it) and out of the tab order (the button is the one tab stop); the chosen file goes to onFile, and the same file can be chosen again.
import { useRef } from 'react';

interface Props {
  /** The text of the button. */
  children: string;
  /** The accessible name of the hidden file input. */
  inputLabel: string;
  /** The input's accept attribute: file extensions and media types. */
  accept: string;
  disabled: boolean;
  onFile: (file: File) => void;
}

export function FileButton({ children, inputLabel, accept, disabled, onFile }: Props) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <input
        ref={input}
        type="file"
        accept={accept}
        className="visually-hidden"
        aria-label={inputLabel}
        tabIndex={-1}
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) onFile(file);
        }}
      />
      <button type="button" className="secondary" disabled={disabled} onClick={() => input.current?.click()}>
        {children}
      </button>
    </>
  );
}
