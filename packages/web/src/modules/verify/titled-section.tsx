import { Paper, Title, type TitleProps } from '@mantine/core';
import type { ReactNode } from 'react';

/** A bordered section of the verification pages, named by its heading for screen readers. */
export function TitledSection({
  id,
  title,
  size = 'h4',
  children,
}: {
  id: string;
  title: ReactNode;
  size?: TitleProps['size'];
  children: ReactNode;
}) {
  return (
    <Paper withBorder p="lg" component="section" aria-labelledby={id}>
      <Title order={2} size={size} id={id} mb="sm">
        {title}
      </Title>
      {children}
    </Paper>
  );
}
