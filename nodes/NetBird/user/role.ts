import type { INodeProperties } from 'n8n-workflow';

import { z } from '../../shared/zod';

/** The Role and Auto Groups fields, and the role rule, that Create and Update share. */

export const roleProperty: INodeProperties = {
	displayName: 'Role',
	name: 'role',
	type: 'options',
	// https://docs.netbird.io/manage/team/user-roles
	options: [
		{
			name: 'Admin',
			value: 'admin',
			description: "Full access, except changing or deleting the Owner and deleting the account",
		},
		{ name: 'Auditor', value: 'auditor', description: 'Can read every configuration but not modify anything' },
		{ name: 'Billing Admin', value: 'billing_admin', description: 'Manages plans, billing and invoices only' },
		{
			name: 'Network Admin',
			value: 'network_admin',
			description: 'Manages access control, network routing and DNS; read-only elsewhere',
		},
		{
			name: 'User',
			value: 'user',
			description: "Sees the peers they own and the peers they're allowed to connect to",
		},
	],
	default: 'user',
	required: true,
	description: "User's NetBird account role",
};

export const autoGroupsProperty: INodeProperties = {
	displayName: 'Auto Group Names or IDs',
	name: 'autoGroups',
	type: 'multiOptions',
	typeOptions: { loadOptionsMethod: 'getGroups' },
	default: [],
	description:
		'Groups to auto-assign to peers registered by this user; the list holds every group of the NetBird account (GET /api/groups) but All. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};

const ROLES = ['admin', 'auditor', 'billing_admin', 'network_admin', 'user'] as const;

// There is one Owner per account and ownership is only ever transferred: NetBird refuses the
// role both for an invite and for a service user (https://docs.netbird.io/manage/team/user-roles).
export const role = z
	.string()
	.trim()
	.toLowerCase()
	.refine((value) => value !== 'owner', {
		message: "can't be owner: NetBird gives that role only by transferring ownership in the dashboard",
	})
	.pipe(z.enum(ROLES, { message: `must be one of ${ROLES.join(', ')}` }));
