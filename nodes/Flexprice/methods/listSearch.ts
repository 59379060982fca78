import { fieldsOf } from '../../shared/plainObject';
import { searchFromApi, type ListPage } from '../../shared/providerLists';
import { flexpriceProvider } from '../api';
import { searchPage, searchRequest, type FlexpriceAccountType } from '../user/users';

// One page is what a dropdown shows before the user scrolls.
const PAGE_SIZE = 50;

/**
 * POST /users/search, one account type at a time, paged by offset (the next page's offset is the
 * token). Flexprice's server ignores `filters`, so the search text is matched here, on the
 * entries of the page read.
 */
function accountsPage(body: unknown, search: string | undefined): ListPage {
	const { accounts, total } = searchPage(body);
	const pagination = fieldsOf(fieldsOf(body).pagination);
	const offset = typeof pagination.offset === 'number' ? pagination.offset : 0;
	const wanted = search?.toLowerCase();
	const results = accounts
		.map((account) => ({
			name: account.email || account.name || account.id,
			value: account.id,
			description: Array.isArray(account.roles) ? account.roles.join(', ') : undefined,
		}))
		.filter((entry) => wanted === undefined || entry.name.toLowerCase().includes(wanted));
	const next = offset + PAGE_SIZE;
	return { results, paginationToken: next < total ? String(next) : undefined };
}

function accountsOf(type: FlexpriceAccountType) {
	return searchFromApi(
		flexpriceProvider,
		type === 'user' ? 'users' : 'service accounts',
		(_filter, token) => searchRequest({ type, limit: PAGE_SIZE, offset: token === undefined ? 0 : Number(token) }),
		accountsPage,
	);
}

export const listSearch = {
	searchUsers: accountsOf('user'),
	searchServiceAccounts: accountsOf('service_account'),
};
