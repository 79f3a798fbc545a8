import { TextInput, type TextInputProps } from '@mantine/core';

/** A six-digit code from an e-mail or an authenticator app: digits only, read left to right. */
export function CodeInput(props: Omit<TextInputProps, 'onChange'> & { onChange: (value: string) => void }) {
  const { onChange, ...rest } = props;
  return (
    <TextInput
      inputMode="numeric"
      autoComplete="one-time-code"
      maxLength={6}
      dir="ltr"
      styles={{ input: { letterSpacing: '0.3em', fontVariantNumeric: 'tabular-nums' } }}
      {...rest}
      onChange={(event) => onChange(event.currentTarget.value.replace(/\D/g, '').slice(0, 6))}
    />
  );
}
