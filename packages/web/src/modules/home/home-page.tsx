import { REQUEST_TYPES } from '@epeople/contracts';
import { Badge, Button, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { NavigationNotice } from '../../app/page.tsx';
import { useSession } from '../../app/session.tsx';
import { EntryIcon } from './entry-icons.tsx';

/** The public front page: what ePeople is and the ways in (each request type opens the filing flow). */
export function HomePage() {
  const { t } = useTranslation();
  const { user } = useSession();
  useEffect(() => {
    document.title = `ePeople · ${t('home.hero.title')}`;
  }, [t]);

  const entries = [...REQUEST_TYPES, 'forum'] as const;
  return (
    <Stack gap="xl">
      <NavigationNotice />
      <section className="hero" aria-labelledby="page-title">
        <Stack gap="md" maw={720}>
          <Title order={1} id="page-title" tabIndex={-1} className="page-title">
            {t('home.hero.title')}
          </Title>
          <Text size="lg">{t('home.hero.lead')}</Text>
          <Group gap="sm">
            <Button component={Link} to="/file" size="md" data-testid="hero-file">
              {t('home.hero.file')}
            </Button>
            <Button component={Link} to="/track" size="md" variant="default">
              {t('home.hero.track')}
            </Button>
          </Group>
          <Group gap="sm">
            {user ? (
              <Button component={Link} to="/profile" size="md" variant="subtle">
                {t('home.hero.goToProfile')}
              </Button>
            ) : (
              <>
                <Button component={Link} to="/register" size="md" variant="subtle">
                  {t('home.hero.register')}
                </Button>
                <Button component={Link} to="/sign-in" size="md" variant="subtle">
                  {t('home.hero.signIn')}
                </Button>
              </>
            )}
          </Group>
        </Stack>
      </section>

      <section aria-labelledby="entry-points">
        <Title order={2} id="entry-points" mb="xs">
          {t('home.entries.title')}
        </Title>
        <Text c="dimmed" mb="md">
          {t('home.entries.lead')}
        </Text>
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md">
          {entries.map((entry) => (
            <Card key={entry} withBorder padding="lg" component="article" aria-labelledby={`entry-${entry}`}>
              <Group justify="space-between" align="flex-start" wrap="nowrap" mb="xs">
                <Group gap="sm" wrap="nowrap">
                  <EntryIcon entry={entry} />
                  <Title order={3} size="h4" id={`entry-${entry}`}>
                    {t(`home.entries.${entry}.title`)}
                  </Title>
                </Group>
                {entry === 'forum' ? (
                  <Badge color="gray" variant="light" style={{ flexShrink: 0 }}>
                    {t('home.entries.comingSoon')}
                  </Badge>
                ) : null}
              </Group>
              <Text size="sm">{t(`home.entries.${entry}.description`)}</Text>
              {entry !== 'forum' ? (
                <>
                  <Text size="sm" c="dimmed" mt="xs">
                    {t(`home.entries.${entry}.deadline`)}
                  </Text>
                  <Button
                    component={Link}
                    to={`/file?type=${entry}`}
                    variant="light"
                    mt="md"
                    data-testid={`file-${entry}`}
                    aria-describedby={`entry-${entry}`}
                  >
                    {t(`home.entries.${entry}.action`)}
                  </Button>
                </>
              ) : null}
            </Card>
          ))}
        </SimpleGrid>
      </section>

      <section aria-labelledby="principles">
        <Title order={2} id="principles" mb="md">
          {t('home.principles.title')}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
          {(['trust', 'languages', 'privacy'] as const).map((key) => (
            <Stack key={key} gap={4}>
              <Text fw={700}>{t(`home.principles.${key}.title`)}</Text>
              <Text size="sm" c="dimmed">
                {t(`home.principles.${key}.description`)}
              </Text>
            </Stack>
          ))}
        </SimpleGrid>
      </section>
    </Stack>
  );
}
