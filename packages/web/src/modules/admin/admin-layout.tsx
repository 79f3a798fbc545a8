import { Tabs } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation, useNavigate } from 'react-router';

const SECTIONS = ['units', 'staff', 'categories', 'routing'] as const;

/** The administration area: one tab per section, each a page of its own (deep links work). */
export function AdminLayout() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const active = SECTIONS.find((section) => location.pathname.startsWith(`/admin/${section}`)) ?? 'units';
  return (
    <>
      <Tabs
        value={active}
        onChange={(value) => value && navigate(`/admin/${value}`)}
        mb="lg"
        keepMounted={false}
        aria-label={t('admin.layout.sections')}
      >
        <Tabs.List>
          {SECTIONS.map((section) => (
            <Tabs.Tab key={section} value={section}>
              {t(`admin.layout.${section}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
      <Outlet />
    </>
  );
}
