import type { INodePropertyOptions } from 'n8n-workflow';

import { stringList } from '../../shared/fields';
import { z } from '../../shared/zod';

// The roles Flexprice's server accepts per account type, and that super_admin stands alone
// (internal/types/rbac.go in flexprice/flexprice, e4b5303). A type=user sent without roles is
// made a super admin (internal/ee/service/user.go, InviteUser), so an empty Roles for a user is
// refused unless the user picks that default on purpose. Create and Update Roles share these.
export const SUPER_ADMIN = 'super_admin';
export const USER_ROLES = [SUPER_ADMIN, 'all_reader', 'all_writer'] as const;
export const SERVICE_ACCOUNT_ROLES = [SUPER_ADMIN, 'event_ingestor', 'event_reader'] as const;
/** The choice that sends no roles, leaving the role to Flexprice (which grants super_admin). */
export const FLEXPRICE_DEFAULT_ROLE = 'flexprice_default';

export const superAdminOption = {
	name: 'Super Admin',
	value: SUPER_ADMIN,
	description: 'Full access to the tenant, including creating users and API keys. Cannot be combined with another role.',
};

/** The roles a user (not a service account) can hold, as the Roles fields offer them. */
export const userRoleOptions: INodePropertyOptions[] = [
	{ name: 'All Reader', value: 'all_reader', description: 'Reads everything in the tenant, changes nothing' },
	{ name: 'All Writer', value: 'all_writer', description: 'Reads and changes everything in the tenant' },
	superAdminOption,
];

export const rolesDescription = (type: string) =>
	`Roles to grant the ${type}. Super Admin cannot be combined with another role. An expression may give a list or one comma-separated string of role values.`;

/** Roles from the field or an expression: known to Flexprice for this type, and super_admin alone. */
export function rolesFor<Role extends string>(allowed: readonly Role[], type: string, emptyMessage: string) {
	return z
		.preprocess((value) => (value === undefined ? [] : value), stringList)
		.superRefine((roles, context) => {
			if (roles.length === 0) context.addIssue({ code: 'custom', message: emptyMessage });
			roles.forEach((role, index) => {
				if (!(allowed as readonly string[]).includes(role) && role !== FLEXPRICE_DEFAULT_ROLE) {
					context.addIssue({
						code: 'custom',
						path: [index],
						message: `"${role}" is not a role Flexprice gives a ${type}: use ${allowed.join(', ')}`,
					});
				}
			});
			if (roles.includes(SUPER_ADMIN) && new Set(roles).size > 1) {
				context.addIssue({ code: 'custom', message: 'super_admin cannot be combined with another role' });
			}
		})
		.transform((roles) => [...new Set(roles)]);
}
