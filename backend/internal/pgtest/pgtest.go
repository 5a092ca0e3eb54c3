// Package pgtest gives tests a real PostgreSQL database, hiding where the server comes from.
//
// Use it like this:
//
//	func TestMain(m *testing.M) { pgtest.Main(m) }
//
//	func TestSomething(t *testing.T) {
//		t.Parallel()
//		dsn := pgtest.DSN(t) // a brand-new, empty database, dropped when the test ends
//		...
//	}
//
// The server is shared by the whole test binary and started on first use. It is, in order:
//
//  1. the server of SWITCHBOARD_TEST_DATABASE_URL, if set (an admin DSN allowed to CREATE DATABASE);
//  2. a testcontainers-go postgres:16-alpine container, if a Docker engine answers a ping within 2s;
//  3. a throwaway cluster from the system's initdb/pg_ctl (package pgcluster) in a temp dir.
//
// If none works, DSN fails the test with the reason; it never skips.
package pgtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/moby/moby/client"
	"github.com/testcontainers/testcontainers-go"
	tcpostgres "github.com/testcontainers/testcontainers-go/modules/postgres"

	"switchboard/backend/internal/pgcluster"
)

// EnvURL names the environment variable with an admin DSN of an existing server to use.
const EnvURL = "SWITCHBOARD_TEST_DATABASE_URL"

// Image is the container image used when a Docker engine is available.
const Image = "postgres:16-alpine"

// server is the PostgreSQL server shared by the test binary.
type server struct {
	kind     string // "env", "docker" or "pgcluster", for messages
	adminDSN string
	admin    *pgxpool.Pool
	stop     func() // releases what we started; nil if nothing
}

var (
	mu      sync.Mutex
	shared  *server
	initErr error
	tried   bool
)

// Main runs the tests and then stops the server it started, if any. Call it from TestMain.
func Main(m *testing.M) {
	code := m.Run()
	shutdown()
	os.Exit(code)
}

func shutdown() {
	mu.Lock()
	defer mu.Unlock()
	if shared != nil {
		shared.close()
	}
	shared, initErr, tried = nil, nil, false
}

// DSN returns the DSN of a new, empty database for this test, created on the shared server.
// The database is dropped (best effort) when the test ends.
func DSN(tb testing.TB) string {
	tb.Helper()
	srv, err := get()
	if err != nil {
		tb.Fatalf("pgtest: no PostgreSQL server: %v", err)
	}
	return srv.newDatabase(tb)
}

func (srv *server) newDatabase(tb testing.TB) string {
	tb.Helper()
	name := "t_" + randomHex(8)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if _, err := srv.admin.Exec(ctx, "CREATE DATABASE "+pgx.Identifier{name}.Sanitize()); err != nil {
		tb.Fatalf("pgtest: create database %s on %s server: %v", name, srv.kind, err)
	}
	tb.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		// WITH (FORCE) needs PostgreSQL 13+; fall back for older servers.
		if _, err := srv.admin.Exec(ctx, "DROP DATABASE IF EXISTS "+pgx.Identifier{name}.Sanitize()+" WITH (FORCE)"); err != nil {
			_, _ = srv.admin.Exec(ctx, "DROP DATABASE IF EXISTS "+pgx.Identifier{name}.Sanitize())
		}
	})
	dsn, err := withDatabase(srv.adminDSN, name)
	if err != nil {
		tb.Fatalf("pgtest: %v", err)
	}
	return dsn
}

// get returns the shared server, starting it on first use. A failure is remembered, so that every
// test reports it without trying again.
func get() (*server, error) {
	mu.Lock()
	defer mu.Unlock()
	if !tried {
		tried = true
		shared, initErr = startServer()
	}
	return shared, initErr
}

func startServer() (*server, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()

	if dsn := os.Getenv(EnvURL); dsn != "" {
		srv, err := connectAdmin(ctx, "env", dsn, nil)
		if err != nil {
			return nil, fmt.Errorf("%s: %v", EnvURL, err)
		}
		return srv, nil
	}

	var dockerErr error
	if err := pingDocker(2 * time.Second); err == nil {
		srv, err := startContainer(ctx)
		if err == nil {
			return srv, nil
		}
		dockerErr = err
	}

	srv, err := startCluster(ctx)
	if err != nil {
		if dockerErr != nil {
			return nil, fmt.Errorf("docker: %v; local cluster: %v", dockerErr, err)
		}
		return nil, fmt.Errorf("no Docker engine, and the local cluster failed: %v (or set %s)", err, EnvURL)
	}
	return srv, nil
}

// pingDocker reports whether a Docker engine answers within timeout. It never hangs beyond the
// timeout and turns a panic of the client library into an error.
func pingDocker(timeout time.Duration) error {
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	done := make(chan error, 1)
	go func() {
		defer func() {
			if r := recover(); r != nil {
				done <- fmt.Errorf("docker client panicked: %v", r)
			}
		}()
		cli, err := testcontainers.NewDockerClientWithOpts(ctx)
		if err != nil {
			done <- err
			return
		}
		defer cli.Close()
		_, err = cli.Ping(ctx, client.PingOptions{})
		done <- err
	}()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
		return errors.New("docker engine did not answer in time")
	}
}

func startContainer(ctx context.Context) (*server, error) {
	c, err := tcpostgres.Run(ctx, Image,
		tcpostgres.WithDatabase("postgres"),
		tcpostgres.WithUsername("switchboard"),
		tcpostgres.WithPassword("switchboard"),
		tcpostgres.BasicWaitStrategies(),
		testcontainers.WithCmdArgs("-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"),
	)
	stop := func() {
		if c != nil {
			_ = testcontainers.TerminateContainer(c)
		}
	}
	if err != nil {
		stop()
		return nil, fmt.Errorf("start %s container: %v", Image, err)
	}
	dsn, err := c.ConnectionString(ctx, "sslmode=disable")
	if err != nil {
		stop()
		return nil, fmt.Errorf("container DSN: %v", err)
	}
	return connectAdmin(ctx, "docker", dsn, stop)
}

func startCluster(ctx context.Context) (*server, error) {
	// A directory directly under the temp dir: its parents are searchable by the unprivileged
	// user pgcluster runs postgres as when we are root (pgcluster chowns the dir itself).
	dir, err := os.MkdirTemp("", "switchboard-pgtest-")
	if err != nil {
		return nil, err
	}
	var log strings.Builder
	c, err := pgcluster.Start(ctx, pgcluster.Options{Dir: dir, Ephemeral: true, Log: &log})
	if err != nil {
		_ = os.RemoveAll(dir)
		return nil, err
	}
	stop := func() {
		_ = c.Stop()
		_ = os.RemoveAll(dir)
	}
	watchdog(dir)
	return connectAdmin(ctx, "pgcluster", c.DSN("postgres"), stop)
}

// watchdog starts a detached shell that, once this test binary is gone without having stopped the
// cluster (go test -timeout panics, SIGKILL, a missing TestMain), shuts the server down (SIGINT is
// postgres's fast shutdown) and removes its directory.
func watchdog(dir string) {
	const script = `while kill -0 "$1" 2>/dev/null; do sleep 1; done
pid=$(head -n 1 "$2/postmaster.pid" 2>/dev/null) && kill -INT "$pid" 2>/dev/null
i=0; while [ -e "$2/postmaster.pid" ] && [ $i -lt 120 ]; do sleep 0.5; i=$((i+1)); done
rm -rf "$2"`
	cmd := exec.Command("/bin/sh", "-c", script, "pgtest-watchdog", strconv.Itoa(os.Getpid()), dir)
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true} // survives a Ctrl-C to our process group
	if err := cmd.Start(); err == nil {
		_ = cmd.Process.Release()
	}
}

func connectAdmin(ctx context.Context, kind, dsn string, stop func()) (*server, error) {
	cfg, err := pgxpool.ParseConfig(dsn)
	if err != nil {
		if stop != nil {
			stop()
		}
		return nil, fmt.Errorf("parse DSN: %v", err)
	}
	cfg.MaxConns = 4
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err == nil {
		err = pool.Ping(ctx)
	}
	if err != nil {
		if pool != nil {
			pool.Close()
		}
		if stop != nil {
			stop()
		}
		return nil, fmt.Errorf("connect: %v", err)
	}
	return &server{kind: kind, adminDSN: dsn, admin: pool, stop: stop}, nil
}

func (s *server) close() {
	s.admin.Close()
	if s.stop != nil {
		s.stop()
	}
}

// withDatabase returns dsn (URL or keyword/value form) pointing at database name.
func withDatabase(dsn, name string) (string, error) {
	if strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://") {
		u, err := url.Parse(dsn)
		if err != nil {
			return "", fmt.Errorf("parse DSN: %v", err)
		}
		u.Path = "/" + name
		u.RawPath = ""
		return u.String(), nil
	}
	// keyword/value form: a later keyword overrides an earlier one.
	return strings.TrimSpace(dsn) + " dbname=" + name, nil
}

func randomHex(n int) string {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		panic(err)
	}
	return hex.EncodeToString(b)
}
