import { Button } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeader } from '../../app/page.tsx';

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('home.notFound.title')} description={t('home.notFound.description')} />
      <Button component={Link} to="/">
        {t('home.notFound.back')}
      </Button>
    </>
  );
}
