import { Badge } from '@mantine/core';

/** One check of the verifier, passed or failed, with a sign as well as a colour. */
export function CheckBadge({ ok, yes, no }: { ok: boolean; yes: string; no: string }) {
  return (
    <Badge color={ok ? 'teal' : 'red'} variant="light" tt="none" size="lg" data-ok={ok}>
      {ok ? `✓ ${yes}` : `✗ ${no}`}
    </Badge>
  );
}
