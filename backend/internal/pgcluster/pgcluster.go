// Package pgcluster runs a local PostgreSQL cluster from the system's initdb/pg_ctl.
//
// It serves two purposes: a throwaway server for tests (see package pgtest) and a local
// database for development. The cluster listens only on 127.0.0.1 with trust authentication
// for the superuser "switchboard", and keeps its unix socket inside the data directory.
//
// When the calling process runs as root, initdb and pg_ctl run as an unprivileged user (the
// "postgres" system user if it exists, else "nobody"), because postgres refuses to run as root;
// the data directory is chowned to that user.
package pgcluster

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/url"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// Superuser is the name of the superuser created by initdb; it authenticates with trust on loopback.
const Superuser = "switchboard"

// Options configures Start.
type Options struct {
	// Dir is the data directory. It is created if missing and initialised with initdb if it holds
	// no cluster yet; an existing cluster is reused. The unix socket and the server log
	// (Dir/postgres.log) live in it too.
	Dir string
	// Port is the TCP port on 127.0.0.1; 0 picks a free one.
	Port int
	// Ephemeral turns durability off (fsync, synchronous_commit, full_page_writes) for speed.
	// Use it for throwaway clusters only: a crash may corrupt the data.
	Ephemeral bool
	// Log receives the output of initdb and pg_ctl; nil discards it. The server's own log goes
	// to Dir/postgres.log.
	Log io.Writer
}

// Cluster is a running PostgreSQL server.
type Cluster struct {
	Dir  string // absolute data directory
	Port int    // TCP port on 127.0.0.1

	bin  string // directory holding initdb, pg_ctl and postgres
	cred *syscall.Credential
	user string // unprivileged user the server runs as when we are root; "" otherwise
	log  io.Writer

	mu      sync.Mutex
	stopped bool
}

// maximum length of a unix socket path on Linux (sun_path is 108 bytes including the NUL).
const maxSocketPath = 107

// Start initialises (if needed) and starts the cluster in opts.Dir, and waits until it accepts
// connections on 127.0.0.1:Port.
func Start(ctx context.Context, opts Options) (*Cluster, error) {
	if opts.Dir == "" {
		return nil, errors.New("pgcluster: Options.Dir is empty")
	}
	dir, err := filepath.Abs(opts.Dir)
	if err != nil {
		return nil, fmt.Errorf("pgcluster: data dir %q: %v", opts.Dir, err)
	}
	if strings.ContainsAny(dir, "'\n") {
		return nil, fmt.Errorf("pgcluster: data dir %q must not contain quotes or newlines", dir)
	}
	if n := len(dir) + len("/.s.PGSQL.65535"); n > maxSocketPath {
		return nil, fmt.Errorf("pgcluster: data dir %q is too long for a unix socket path (%d > %d bytes); use a shorter path", dir, n, maxSocketPath)
	}
	bin, err := findBinDir()
	if err != nil {
		return nil, err
	}
	c := &Cluster{Dir: dir, Port: opts.Port, bin: bin, log: opts.Log}
	if c.log == nil {
		c.log = io.Discard
	}

	// Parents get 0755: when we are root, the unprivileged server user must be able to reach dir.
	if err := os.MkdirAll(filepath.Dir(dir), 0o755); err != nil {
		return nil, fmt.Errorf("pgcluster: create data dir: %v", err)
	}
	if err := os.Mkdir(dir, 0o700); err != nil && !errors.Is(err, os.ErrExist) {
		return nil, fmt.Errorf("pgcluster: create data dir: %v", err)
	}
	if os.Geteuid() == 0 {
		if err := c.dropPrivileges(); err != nil {
			return nil, err
		}
	}

	if _, err := os.Stat(filepath.Join(dir, "PG_VERSION")); err != nil {
		if err := c.initdb(ctx, opts.Ephemeral); err != nil {
			return nil, err
		}
	}
	if err := os.Chmod(dir, 0o700); err != nil {
		return nil, fmt.Errorf("pgcluster: chmod data dir: %v", err)
	}

	if err := c.clearStaleServer(ctx); err != nil {
		return nil, err
	}

	autoPort := opts.Port == 0
	deadline := time.Now().Add(30 * time.Second)
	for attempt := 1; ; attempt++ {
		if autoPort {
			if c.Port, err = freePort(); err != nil {
				return nil, fmt.Errorf("pgcluster: pick a free port: %v", err)
			}
		}
		err = c.start(ctx, opts.Ephemeral)
		if err == nil {
			break
		}
		retry := false
		switch {
		case ctx.Err() != nil:
		case autoPort && attempt < 5 && strings.Contains(err.Error(), "could not bind"):
			retry = true // someone took the free port between our check and the bind
		case time.Now().Before(deadline) && (strings.Contains(err.Error(), "shared memory block is still in use") ||
			strings.Contains(err.Error(), "lock file") && strings.Contains(err.Error(), "already exists")):
			// backends of a killed postmaster are still exiting
			retry = true
			time.Sleep(500 * time.Millisecond)
		}
		if !retry {
			return nil, err
		}
	}

	if err := c.waitReady(ctx); err != nil {
		_ = c.Stop()
		return nil, err
	}
	return c, nil
}

// DSN returns the URL of database dbname on this cluster.
func (c *Cluster) DSN(dbname string) string {
	u := url.URL{
		Scheme:   "postgres",
		User:     url.User(Superuser),
		Host:     net.JoinHostPort("127.0.0.1", strconv.Itoa(c.Port)),
		Path:     "/" + dbname,
		RawQuery: "sslmode=disable",
	}
	return u.String()
}

// CreateDatabase creates database name unless it exists already.
func (c *Cluster) CreateDatabase(ctx context.Context, name string) error {
	conn, err := pgx.Connect(ctx, c.DSN("postgres"))
	if err != nil {
		return fmt.Errorf("pgcluster: connect: %v", err)
	}
	defer conn.Close(context.Background())
	var exists bool
	if err := conn.QueryRow(ctx, "SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)", name).Scan(&exists); err != nil {
		return fmt.Errorf("pgcluster: look up database %q: %v", name, err)
	}
	if exists {
		return nil
	}
	_, err = conn.Exec(ctx, "CREATE DATABASE "+pgx.Identifier{name}.Sanitize())
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) && pgErr.Code == "42P04" { // duplicate_database: created concurrently
		return nil
	}
	if err != nil {
		return fmt.Errorf("pgcluster: create database %q: %v", name, err)
	}
	return nil
}

// Stop shuts the server down (pg_ctl stop -m fast). Stopping twice is a no-op.
func (c *Cluster) Stop() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.stopped {
		return nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	if _, err := c.run(ctx, "pg_ctl", "stop", "-D", c.Dir, "-m", "fast", "-w", "-t", "60"); err != nil {
		if !c.running() {
			c.stopped = true
			return nil
		}
		return fmt.Errorf("pgcluster: pg_ctl stop: %v", err)
	}
	c.stopped = true
	return nil
}

// ---------------------------------------------------------------------------------------------

func (c *Cluster) initdb(ctx context.Context, ephemeral bool) error {
	args := []string{"-D", c.Dir, "-U", Superuser, "--auth=trust", "--encoding=UTF8", "--locale=C"}
	if ephemeral {
		args = append(args, "--no-sync")
	}
	if _, err := c.run(ctx, "initdb", args...); err != nil {
		return fmt.Errorf("pgcluster: initdb %s: %v", c.Dir, err)
	}
	return nil
}

func (c *Cluster) start(ctx context.Context, ephemeral bool) error {
	o := fmt.Sprintf("-c listen_addresses=127.0.0.1 -p %d -k '%s'", c.Port, c.Dir)
	if ephemeral {
		o += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
	}
	logFile := filepath.Join(c.Dir, "postgres.log")
	// Remember where this start's log output begins, to quote its error if it fails.
	var offset int64
	if fi, err := os.Stat(logFile); err == nil {
		offset = fi.Size()
	}
	_, err := c.run(ctx, "pg_ctl", "start", "-D", c.Dir, "-l", logFile, "-o", o, "-w", "-t", "60")
	if err != nil {
		if msg := serverError(logFile, offset); msg != "" {
			return fmt.Errorf("pgcluster: start postgres on 127.0.0.1:%d: %s", c.Port, msg)
		}
		return fmt.Errorf("pgcluster: start postgres on 127.0.0.1:%d: %v (see %s)", c.Port, err, logFile)
	}
	return nil
}

// waitReady waits until the server accepts a TCP connection (pg_ctl -w already waited on the socket).
func (c *Cluster) waitReady(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	for {
		conn, err := pgx.Connect(ctx, c.DSN("postgres"))
		if err == nil {
			conn.Close(context.Background())
			return nil
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("pgcluster: postgres on 127.0.0.1:%d does not accept connections: %v", c.Port, err)
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// clearStaleServer handles what an unclean end of a previous run may have left in the data dir:
// a postmaster that is still running (our process was killed, the detached server was not), or
// a postmaster.pid whose PID now belongs to an unrelated process.
func (c *Cluster) clearStaleServer(ctx context.Context) error {
	pidFile := filepath.Join(c.Dir, "postmaster.pid")
	data, err := os.ReadFile(pidFile)
	if err != nil {
		return nil
	}
	line, _, _ := strings.Cut(string(data), "\n")
	pid, err := strconv.Atoi(strings.TrimSpace(line))
	if err != nil || pid <= 0 {
		_ = os.Remove(pidFile)
		return nil
	}
	if !processAlive(pid) {
		return nil // postgres itself recognises and replaces a stale lock file
	}
	if isPostmasterOf(pid, c.Dir) {
		// A server left over from an earlier run: stop it, so that it restarts with our settings.
		fmt.Fprintf(c.log, "pgcluster: stopping leftover postgres (pid %d) in %s\n", pid, c.Dir)
		if _, err := c.run(ctx, "pg_ctl", "stop", "-D", c.Dir, "-m", "fast", "-w", "-t", "60"); err != nil && processAlive(pid) {
			return fmt.Errorf("pgcluster: stop leftover postgres (pid %d) in %s: %v", pid, c.Dir, err)
		}
		return nil
	}
	// The PID was reused by something else; the lock file is stale.
	_ = os.Remove(pidFile)
	return nil
}

// running reports whether a live postmaster owns the data dir.
func (c *Cluster) running() bool {
	data, err := os.ReadFile(filepath.Join(c.Dir, "postmaster.pid"))
	if err != nil {
		return false
	}
	line, _, _ := strings.Cut(string(data), "\n")
	pid, err := strconv.Atoi(strings.TrimSpace(line))
	return err == nil && pid > 0 && processAlive(pid) && isPostmasterOf(pid, c.Dir)
}

func processAlive(pid int) bool {
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}

// isPostmasterOf reports whether pid is a postgres process serving data dir dir (Linux /proc).
func isPostmasterOf(pid int, dir string) bool {
	cmdline, err := os.ReadFile(fmt.Sprintf("/proc/%d/cmdline", pid))
	if err != nil {
		return false
	}
	args := strings.Split(strings.TrimRight(string(cmdline), "\x00"), "\x00")
	if len(args) == 0 || !strings.HasPrefix(filepath.Base(args[0]), "postgres") {
		return false
	}
	for i, a := range args {
		if (a == "-D" && i+1 < len(args) && args[i+1] == dir) || a == "-D"+dir {
			return true
		}
	}
	return false
}

// dropPrivileges arranges for initdb and pg_ctl to run as an unprivileged user and hands the
// data dir to that user.
func (c *Cluster) dropPrivileges() error {
	var u *user.User
	var err error
	for _, name := range []string{"postgres", "nobody"} {
		if u, err = user.Lookup(name); err == nil {
			break
		}
	}
	if err != nil {
		return errors.New("pgcluster: running as root but neither the postgres nor the nobody user exists; postgres refuses to run as root")
	}
	uid, _ := strconv.Atoi(u.Uid)
	gid, _ := strconv.Atoi(u.Gid)
	c.user = u.Username
	c.cred = &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid), Groups: []uint32{}}

	if err := filepath.WalkDir(c.Dir, func(path string, _ os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		return os.Lchown(path, uid, gid)
	}); err != nil {
		return fmt.Errorf("pgcluster: chown data dir to user %s: %v", u.Username, err)
	}
	// Every parent directory must be searchable by that user.
	for p := filepath.Dir(c.Dir); ; p = filepath.Dir(p) {
		fi, err := os.Stat(p)
		if err != nil {
			return fmt.Errorf("pgcluster: %v", err)
		}
		st := fi.Sys().(*syscall.Stat_t)
		mode := fi.Mode().Perm()
		ok := mode&0o001 != 0 ||
			(st.Uid == uint32(uid) && mode&0o100 != 0) ||
			(st.Gid == uint32(gid) && mode&0o010 != 0)
		if !ok {
			return fmt.Errorf("pgcluster: directory %s is not searchable by user %s, who runs postgres since we are root (chmod o+x %s, or put the data dir elsewhere, e.g. under %s)", p, u.Username, p, os.TempDir())
		}
		if p == filepath.Dir(p) {
			break
		}
	}
	return nil
}

// run runs one of the PostgreSQL binaries, as the unprivileged user when we are root. Its output
// goes to the log writer; the error carries the last lines of it.
func (c *Cluster) run(ctx context.Context, name string, args ...string) (string, error) {
	cmd := exec.CommandContext(ctx, filepath.Join(c.bin, name), args...)
	cmd.Dir = c.Dir
	cmd.Env = childEnv()
	var out bytes.Buffer
	w := io.MultiWriter(&out, c.log)
	cmd.Stdout, cmd.Stderr = w, w
	cmd.WaitDelay = 5 * time.Second
	if c.cred != nil {
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: c.cred}
	}
	fmt.Fprintf(c.log, "pgcluster: %s %s\n", name, strings.Join(args, " "))
	err := cmd.Run()
	if err != nil {
		if msg := lastLine(out.String()); msg != "" {
			return out.String(), fmt.Errorf("%v: %s", err, msg)
		}
	}
	return out.String(), err
}

// childEnv is our environment without libpq variables that could redirect pg_ctl's readiness checks.
func childEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		if strings.HasPrefix(kv, "PG") {
			continue
		}
		env = append(env, kv)
	}
	return append(env, "LC_ALL=C")
}

// lastLine returns the last line that reports an error, else the last non-empty line.
func lastLine(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	for i := len(lines) - 1; i >= 0; i-- {
		l := strings.TrimSpace(lines[i])
		if strings.Contains(l, "error:") || strings.Contains(l, "FATAL:") {
			return l
		}
	}
	for i := len(lines) - 1; i >= 0; i-- {
		if l := strings.TrimSpace(lines[i]); l != "" {
			return l
		}
	}
	return ""
}

// serverError returns the most telling line the server logged after offset (FATAL/PANIC/ERROR).
func serverError(logFile string, offset int64) string {
	f, err := os.Open(logFile)
	if err != nil {
		return ""
	}
	defer f.Close()
	if _, err := f.Seek(offset, io.SeekStart); err != nil {
		return ""
	}
	var best string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		l := sc.Text()
		for _, level := range []string{"FATAL:", "PANIC:", "ERROR:"} {
			if i := strings.Index(l, level); i >= 0 {
				best = strings.TrimSpace(l[i:])
				break
			}
		}
	}
	return best
}

// findBinDir finds the directory with initdb, pg_ctl and postgres: initdb on PATH (symlinks
// resolved), else the highest version under /usr/lib/postgresql/*/bin.
func findBinDir() (string, error) {
	has := func(dir string) bool {
		for _, n := range []string{"initdb", "pg_ctl", "postgres"} {
			if fi, err := os.Stat(filepath.Join(dir, n)); err != nil || fi.IsDir() {
				return false
			}
		}
		return true
	}
	if p, err := exec.LookPath("initdb"); err == nil {
		if real, err := filepath.EvalSymlinks(p); err == nil {
			p = real
		}
		if dir := filepath.Dir(p); has(dir) {
			return dir, nil
		}
	}
	dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	sort.Slice(dirs, func(i, j int) bool { return versionLess(dirs[i], dirs[j]) })
	for i := len(dirs) - 1; i >= 0; i-- {
		if has(dirs[i]) {
			return dirs[i], nil
		}
	}
	return "", errors.New("initdb not found: install PostgreSQL (apt-get install -y postgresql)")
}

// versionLess compares /usr/lib/postgresql/<version>/bin paths by numeric version.
func versionLess(a, b string) bool {
	va := strings.Split(filepath.Base(filepath.Dir(a)), ".")
	vb := strings.Split(filepath.Base(filepath.Dir(b)), ".")
	for i := 0; i < len(va) && i < len(vb); i++ {
		x, _ := strconv.Atoi(va[i])
		y, _ := strconv.Atoi(vb[i])
		if x != y {
			return x < y
		}
	}
	return len(va) < len(vb)
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}
