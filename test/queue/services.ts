/**
 * Postgres and Redis from Debian's packages, as queue-mode n8n needs them: installed with apt-get
 * when missing (CI machines run as root), each started on a free loopback port with its data in a
 * temporary folder, and stopped at the end whatever happens (also when jest exits early).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { freePort, waitFor } from '../e2e/n8nServer';

const POSTGRES_ROOT = '/usr/lib/postgresql';
const isRoot = process.getuid?.() === 0;

function postgresBin(): string | undefined {
	if (!existsSync(POSTGRES_ROOT)) return undefined;
	const newest = readdirSync(POSTGRES_ROOT)
		.filter((version) => existsSync(join(POSTGRES_ROOT, version, 'bin/postgres')))
		.sort((a, b) => Number(b) - Number(a))[0];
	return newest === undefined ? undefined : join(POSTGRES_ROOT, newest, 'bin');
}

const hasCommand = (name: string) => {
	try {
		execFileSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' });
		return true;
	} catch {
		return false;
	}
};

/** apt-get installs what is missing; a machine that has both is left alone. */
export function ensureServicePackages(): { postgresBin: string; installed: string[] } {
	const missing = [...(postgresBin() ? [] : ['postgresql']), ...(hasCommand('redis-server') ? [] : ['redis-server'])];
	if (missing.length > 0) {
		const sudo = isRoot ? [] : ['sudo'];
		const apt = (args: string[]) =>
			execFileSync(sudo[0] ?? 'apt-get', [...(sudo.length ? ['apt-get'] : []), ...args], {
				stdio: 'inherit',
				env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
			});
		apt(['update']);
		apt(['install', '-y', '--no-install-recommends', ...missing]);
	}
	const bin = postgresBin();
	if (!bin) throw new Error(`postgresql is installed but no server binary was found under ${POSTGRES_ROOT}`);
	return { postgresBin: bin, installed: missing };
}

export interface RunningService {
	name: string;
	port: number;
	stop(): Promise<void>;
}

/** How to end each service still running, synchronously. */
const running = new Map<ChildProcess, () => void>();
// A jest run that ends early (timeout, failed hook, Ctrl-C) still takes its databases with it.
process.once('exit', () => {
	for (const kill of running.values()) kill();
});

function track(name: string, child: ChildProcess, log: string[], kill: () => void = () => child.kill('SIGKILL')) {
	running.set(child, kill);
	child.stdout?.on('data', (chunk: Buffer) => log.push(chunk.toString()));
	child.stderr?.on('data', (chunk: Buffer) => log.push(chunk.toString()));
	const exited = new Promise<void>((done) => child.on('close', () => (running.delete(child), done())));
	return {
		exited,
		async stop(signal: NodeJS.Signals) {
			if (child.exitCode !== null || child.signalCode !== null) return;
			child.kill(signal);
			const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
			await exited;
			clearTimeout(timer);
		},
		failure: () => `${name} exited:\n${log.join('').slice(-2000)}`,
	};
}

function tcpAnswers(port: number, send: string, expect: string): Promise<boolean> {
	return new Promise((done) => {
		const socket = connect(port, '127.0.0.1');
		let answer = '';
		socket.setTimeout(1000, () => (socket.destroy(), done(false)));
		socket.on('connect', () => socket.write(send));
		socket.on('data', (chunk) => {
			answer += chunk.toString();
			if (answer.includes(expect)) (socket.destroy(), done(true));
		});
		socket.on('error', () => done(false));
	});
}

/** `initdb` and `postgres` refuse root: as root they run as the `postgres` user the package created. */
function asPostgresUser(command: string, args: string[]): [string, string[]] {
	return isRoot ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
}

/** A throwaway Postgres: trust auth on 127.0.0.1 only, fsync off (test data), database `n8n`. */
export async function startPostgres(bin: string): Promise<RunningService & { database: string; user: string }> {
	const folder = mkdtempSync(join(tmpdir(), 'queue-postgres-'));
	chmodSync(folder, 0o777);
	const data = join(folder, 'data');
	if (isRoot) execFileSync('chown', ['postgres:postgres', folder]);
	const [initCommand, initArgs] = asPostgresUser(join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '-A', 'trust', '--no-sync', '-E', 'UTF8']);
	execFileSync(initCommand, initArgs, { stdio: 'ignore' });
	const port = await freePort();
	const [command, args] = asPostgresUser(join(bin, 'postgres'), [
		'-D', data, '-p', String(port), '-k', folder, '-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off', '-c', 'synchronous_commit=off',
	]);
	const log: string[] = [];
	const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
	const pidFile = join(data, 'postmaster.pid');
	// runuser does not pass on a SIGKILL: postgres itself is signalled, by the pid it wrote.
	const signalPostgres = (signal: NodeJS.Signals) => {
		try {
			process.kill(Number(readFileSync(pidFile, 'utf8').split('\n')[0]), signal);
		} catch {
			// Not started yet, or gone already.
		}
	};
	const service = track('postgres', child, log, () => signalPostgres('SIGQUIT'));
	let exited = false;
	void service.exited.then(() => (exited = true));
	await waitFor('postgres to accept connections', () => {
		if (exited) throw new Error(service.failure());
		try {
			execFileSync(join(bin, 'pg_isready'), ['-h', '127.0.0.1', '-p', String(port)], { stdio: 'ignore' });
			return true;
		} catch {
			return undefined;
		}
	}, 30_000, 250);
	execFileSync(join(bin, 'psql'), ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-c', 'CREATE DATABASE n8n'], { stdio: 'ignore' });
	return {
		name: 'postgres',
		port,
		database: 'n8n',
		user: 'postgres',
		async stop() {
			// postgres' fast shutdown: SIGINT.
			signalPostgres('SIGINT');
			await service.stop('SIGINT');
			rmSync(folder, { recursive: true, force: true });
		},
	};
}

/** A throwaway Redis on 127.0.0.1, nothing persisted. */
export async function startRedis(): Promise<RunningService> {
	const folder = mkdtempSync(join(tmpdir(), 'queue-redis-'));
	const port = await freePort();
	const log: string[] = [];
	const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', folder], {
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	const service = track('redis', child, log);
	let exited = false;
	void service.exited.then(() => (exited = true));
	await waitFor('redis to answer PING', async () => {
		if (exited) throw new Error(service.failure());
		return (await tcpAnswers(port, 'PING\r\n', '+PONG')) ? true : undefined;
	}, 30_000, 250);
	return {
		name: 'redis',
		port,
		async stop() {
			await service.stop('SIGTERM');
			rmSync(folder, { recursive: true, force: true });
		},
	};
}

/** One query against n8n's database, rows as tab-separated fields. */
export function queryPostgres(bin: string, port: number, sql: string): string[][] {
	const output = execFileSync(join(bin, 'psql'), ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-d', 'n8n', '-At', '-F', '\t', '-c', sql], {
		encoding: 'utf8',
		maxBuffer: 512 * 1024 * 1024,
	});
	return output.split('\n').filter(Boolean).map((line) => line.split('\t'));
}
