import { useTranslation } from 'react-i18next';
import { http, ok } from '../api/http.ts';
import { useAsync } from '../hooks/useAsync.ts';

/** The names an administration page shows instead of ids: users, roles, units, sites, camera groups, cameras. */
export function useDirectory() {
  const { i18n } = useTranslation();
  const users = useAsync(() => ok(http.GET('/api/users')), []);
  const roles = useAsync(() => ok(http.GET('/api/roles')), []);
  const units = useAsync(() => ok(http.GET('/api/units')), []);
  const sites = useAsync(() => ok(http.GET('/api/sites')), []);
  const groups = useAsync(() => ok(http.GET('/api/camera-groups')), []);
  const cameras = useAsync(() => ok(http.GET('/api/cameras')), []);
  const find = <T extends { id: string }>(list: T[] | undefined, id: string | null | undefined) => (id ? list?.find((x) => x.id === id) : undefined);
  const roleName = (id: string) => {
    const role = find(roles.data, id);
    return role ? (i18n.language === 'en' ? role.nameEn : role.name) : id;
  };
  /** A user by id, or by username (some records name who acted by username). */
  const userName = (id: string | null | undefined) => {
    const user = find(users.data, id) ?? users.data?.find((u) => u.username === id);
    return user ? `${user.displayName} (${user.username})` : (id ?? '');
  };
  const unitName = (id: string | null | undefined) => find(units.data, id)?.name ?? id ?? '';
  /** The object a grant's scope names, by name. */
  const scopeName = (scopeType: string, scopeId: string | null) => {
    if (!scopeId) return '';
    switch (scopeType) {
      case 'UNIT':
        return unitName(scopeId);
      case 'SITE':
        return find(sites.data, scopeId)?.name ?? scopeId;
      case 'CAMERA_GROUP':
        return find(groups.data, scopeId)?.name ?? scopeId;
      case 'CAMERA':
        return find(cameras.data, scopeId)?.name ?? scopeId;
      default:
        return scopeId;
    }
  };
  /** The objects a scope type picks from, as {id, name}. */
  const scopeChoices = (scopeType: string): { id: string; name: string }[] => {
    switch (scopeType) {
      case 'UNIT':
        return units.data ?? [];
      case 'SITE':
        return sites.data ?? [];
      case 'CAMERA_GROUP':
        return groups.data ?? [];
      case 'CAMERA':
        return cameras.data ?? [];
      default:
        return [];
    }
  };
  return { users, roles, units, sites, groups, cameras, roleName, userName, unitName, scopeName, scopeChoices };
}

export type Directory = ReturnType<typeof useDirectory>;
