package pgcluster

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// tempDir returns a fresh directory under os.TempDir(). Unlike t.TempDir (whose parent is 0700),
// its parents are searchable by the unprivileged user postgres runs as when the tests run as root.
func tempDir(t *testing.T) string {
	t.Helper()
	dir, err := os.MkdirTemp("", "pgcluster-test-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = os.RemoveAll(dir) })
	if err := os.Chmod(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

func start(t *testing.T, dir string) *Cluster {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	var log bytes.Buffer
	begin := time.Now()
	c, err := Start(ctx, Options{Dir: dir, Ephemeral: true, Log: &log})
	if err != nil {
		t.Fatalf("Start: %v\n%s", err, log.String())
	}
	t.Logf("cluster in %s started on port %d in %v", dir, c.Port, time.Since(begin).Round(time.Millisecond))
	t.Cleanup(func() { _ = c.Stop() })
	return c
}

func connect(t *testing.T, dsn string) *pgx.Conn {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatalf("connect %s: %v", dsn, err)
	}
	t.Cleanup(func() { conn.Close(context.Background()) })
	return conn
}

func TestStartCreateDatabaseRestartReusesData(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	dir := tempDir(t)

	c := start(t, dir)
	if c.Port == 0 {
		t.Fatal("Port was not picked")
	}
	if want := "postgres://switchboard@127.0.0.1:" + strconv.Itoa(c.Port) + "/app?sslmode=disable"; c.DSN("app") != want {
		t.Fatalf("DSN = %q, want %q", c.DSN("app"), want)
	}
	for i := 0; i < 2; i++ { // idempotent
		if err := c.CreateDatabase(ctx, "app"); err != nil {
			t.Fatalf("CreateDatabase #%d: %v", i+1, err)
		}
	}
	conn := connect(t, c.DSN("app"))
	if _, err := conn.Exec(ctx, "CREATE TABLE kv (k text PRIMARY KEY, v text); INSERT INTO kv VALUES ('a', 'kept')"); err != nil {
		t.Fatal(err)
	}
	var user, db string
	if err := conn.QueryRow(ctx, "SELECT current_user, current_database()").Scan(&user, &db); err != nil {
		t.Fatal(err)
	}
	if user != "switchboard" || db != "app" {
		t.Fatalf("connected as %s to %s", user, db)
	}
	conn.Close(ctx)

	if err := c.Stop(); err != nil {
		t.Fatalf("Stop: %v", err)
	}
	if err := c.Stop(); err != nil {
		t.Fatalf("second Stop: %v", err)
	}
	if _, err := pgx.Connect(ctx, c.DSN("app")); err == nil {
		t.Fatal("server still accepts connections after Stop")
	}

	c2 := start(t, dir)
	if err := c2.CreateDatabase(ctx, "app"); err != nil {
		t.Fatalf("CreateDatabase on existing db: %v", err)
	}
	var v string
	if err := connect(t, c2.DSN("app")).QueryRow(ctx, "SELECT v FROM kv WHERE k = 'a'").Scan(&v); err != nil {
		t.Fatalf("data from the first run is gone: %v", err)
	}
	if v != "kept" {
		t.Fatalf("v = %q", v)
	}
}

func TestFixedPort(t *testing.T) {
	t.Parallel()
	port, err := freePort()
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	c, err := Start(ctx, Options{Dir: filepath.Join(tempDir(t), "nested", "data"), Port: port, Ephemeral: true})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Stop()
	if c.Port != port {
		t.Fatalf("Port = %d, want %d", c.Port, port)
	}
	connect(t, c.DSN("postgres"))
}

// Our process died and the detached server lives on: Start on the same dir takes over.
func TestStartWithLeftoverServer(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	dir := tempDir(t)
	c1 := start(t, dir)
	if err := c1.CreateDatabase(ctx, "app"); err != nil {
		t.Fatal(err)
	}
	c2 := start(t, dir)
	connect(t, c2.DSN("app"))
}

// The server was killed with SIGKILL, leaving a stale postmaster.pid behind.
func TestStartAfterServerKilled(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	dir := tempDir(t)
	c1 := start(t, dir)
	if err := c1.CreateDatabase(ctx, "app"); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join(dir, "postmaster.pid"))
	if err != nil {
		t.Fatal(err)
	}
	pid, err := strconv.Atoi(strings.TrimSpace(strings.SplitN(string(data), "\n", 2)[0]))
	if err != nil {
		t.Fatal(err)
	}
	if err := syscall.Kill(pid, syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	for processAlive(pid) { // reaped by init; wait until it is gone
		time.Sleep(10 * time.Millisecond)
	}
	if _, err := os.Stat(filepath.Join(dir, "postmaster.pid")); err != nil {
		t.Fatalf("expected a stale postmaster.pid: %v", err)
	}
	c2 := start(t, dir)
	connect(t, c2.DSN("app"))
}

// A postmaster.pid naming a live process that is not postgres.
func TestStartWithRecycledPID(t *testing.T) {
	t.Parallel()
	dir := tempDir(t)
	c1 := start(t, dir)
	if err := c1.Stop(); err != nil {
		t.Fatal(err)
	}
	// Our own PID: alive, not a postmaster.
	lock := strconv.Itoa(os.Getpid()) + "\n" + dir + "\n0\n" + strconv.Itoa(c1.Port) + "\n"
	if err := os.WriteFile(filepath.Join(dir, "postmaster.pid"), []byte(lock), 0o600); err != nil {
		t.Fatal(err)
	}
	c2 := start(t, dir)
	connect(t, c2.DSN("postgres"))
}

func TestErrors(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	if _, err := Start(ctx, Options{}); err == nil {
		t.Error("Start with empty Dir succeeded")
	}
	long := filepath.Join(os.TempDir(), strings.Repeat("x", 120))
	_, err := Start(ctx, Options{Dir: long})
	if err == nil || !strings.Contains(err.Error(), "too long") {
		t.Errorf("long dir: err = %v", err)
	}
	// Not empty and not a cluster: initdb refuses, and the error says why in one line.
	dir := tempDir(t)
	if err := os.WriteFile(filepath.Join(dir, "junk"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = Start(ctx, Options{Dir: dir})
	if err == nil || strings.Contains(err.Error(), "\n") || !strings.Contains(err.Error(), "initdb") {
		t.Errorf("non-empty dir: err = %q", err)
	}
	t.Logf("non-empty dir: %v", err)
}

func TestVersionLess(t *testing.T) {
	t.Parallel()
	if !versionLess("/usr/lib/postgresql/9.6/bin", "/usr/lib/postgresql/15/bin") {
		t.Error("9.6 >= 15")
	}
	if versionLess("/usr/lib/postgresql/16/bin", "/usr/lib/postgresql/15/bin") {
		t.Error("16 < 15")
	}
}
