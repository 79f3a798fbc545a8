import type { RequestType } from '@epeople/contracts';
import { ThemeIcon } from '@mantine/core';

/** Simple line icons drawn inline: no icon font, no emoji (not every system has an emoji font). */
const PATHS: Record<RequestType | 'forum', string> = {
  petition: 'M7 3h8l4 4v14H7zM15 3v4h4M10 12h6M10 16h6',
  guidance: 'M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18zM15.5 8.5l-2 5-5 2 2-5z',
  suggestion: 'M9 18h6M10 21h4M12 3a6 6 0 0 0-3.5 10.9c.6.5 1 1.2 1 2.1h5c0-.9.4-1.6 1-2.1A6 6 0 0 0 12 3z',
  notice: 'M12 3l8 3v6c0 4.5-3.4 8.2-8 9-4.6-.8-8-4.5-8-9V6zM12 8v5M12 16h.01',
  forum: 'M4 5h12v8H9l-4 3v-3H4zM16 9h4v8h-1v3l-4-3h-5v-2',
};

export function EntryIcon({ entry }: { entry: RequestType | 'forum' }) {
  return (
    <ThemeIcon variant="light" size="lg" radius="md">
      <svg
        aria-hidden="true"
        width="22"
        height="22"
        viewBox="0 0 24 24"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.8"
        strokeLinecap="round"
        strokeLinejoin="round"
      >
        <path d={PATHS[entry]} />
      </svg>
    </ThemeIcon>
  );
}
