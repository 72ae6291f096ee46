/** What the logged-in user's role may do (GET /api/session's permissions), for any component to ask. */

import { createContext, useContext, type ReactNode } from 'react';

const PermissionsContext = createContext<readonly string[]>([]);

export function PermissionsProvider({
  permissions,
  children,
}: {
  permissions: readonly string[];
  children: ReactNode;
}) {
  return <PermissionsContext.Provider value={permissions}>{children}</PermissionsContext.Provider>;
}

/** Whether the role may `permission` (e.g. 'export'): what it may not use is not shown. */
export function useMay(permission: string): boolean {
  return useContext(PermissionsContext).includes(permission);
}
