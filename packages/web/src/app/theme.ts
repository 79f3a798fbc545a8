import { createTheme } from '@mantine/core';

/** System fonts that carry Arabic glyphs: no web fonts (no CDN at run time, CSP self only). */
const FONT_STACK =
  'system-ui, -apple-system, "Segoe UI", "Noto Sans Arabic", "Noto Sans", "DejaVu Sans", Tahoma, Arial, sans-serif';

export const theme = createTheme({
  primaryColor: 'teal',
  primaryShade: { light: 8 },
  fontFamily: FONT_STACK,
  headings: { fontFamily: FONT_STACK, fontWeight: '700' },
  defaultRadius: 'md',
  // Focus rings for keyboard users, never removed.
  focusRing: 'auto',
  components: {
    TextInput: { defaultProps: { size: 'md' } },
    PasswordInput: { defaultProps: { size: 'md' } },
    Select: { defaultProps: { size: 'md' } },
    NativeSelect: { defaultProps: { size: 'md' } },
  },
});
