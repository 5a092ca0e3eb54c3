package pgtest

import (
	"context"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"switchboard/backend/internal/pgcluster"
)

func TestMain(m *testing.M) { Main(m) }

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

func currentDatabase(t *testing.T, conn *pgx.Conn) string {
	t.Helper()
	var db string
	if err := conn.QueryRow(context.Background(), "SELECT current_database()").Scan(&db); err != nil {
		t.Fatal(err)
	}
	return db
}

func TestTwoDSNsAreDifferentEmptyDatabases(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	begin := time.Now()
	dsn1 := DSN(t)
	t.Logf("first DSN after %v: %s", time.Since(begin).Round(time.Millisecond), dsn1)
	dsn2 := DSN(t)
	if dsn1 == dsn2 {
		t.Fatalf("same DSN twice: %s", dsn1)
	}
	c1, c2 := connect(t, dsn1), connect(t, dsn2)
	db1, db2 := currentDatabase(t, c1), currentDatabase(t, c2)
	if db1 == db2 || !strings.HasPrefix(db1, "t_") || !strings.HasPrefix(db2, "t_") {
		t.Fatalf("databases %q and %q", db1, db2)
	}
	var tables int
	if err := c2.QueryRow(ctx, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'").Scan(&tables); err != nil {
		t.Fatal(err)
	}
	if tables != 0 {
		t.Fatalf("new database has %d tables", tables)
	}
	if _, err := c1.Exec(ctx, "CREATE TABLE only_in_one (id int)"); err != nil {
		t.Fatal(err)
	}
	if _, err := c2.Exec(ctx, "SELECT * FROM only_in_one"); err == nil {
		t.Fatal("table created in the first database is visible in the second")
	}
}

// Many parallel tests share one server.
func TestParallel(t *testing.T) {
	t.Parallel()
	for i := 0; i < 8; i++ {
		t.Run("", func(t *testing.T) {
			t.Parallel()
			conn := connect(t, DSN(t))
			if _, err := conn.Exec(context.Background(), "CREATE TABLE x (id int); INSERT INTO x VALUES (1)"); err != nil {
				t.Fatal(err)
			}
		})
	}
}

func TestDatabaseDroppedAtCleanup(t *testing.T) {
	t.Parallel()
	var name string
	t.Run("uses", func(t *testing.T) {
		conn := connect(t, DSN(t))
		name = currentDatabase(t, conn)
		// The test's own connection is still open at cleanup: DROP ... WITH (FORCE) copes.
	})
	srv, err := get()
	if err != nil {
		t.Fatal(err)
	}
	var exists bool
	if err := srv.admin.QueryRow(context.Background(),
		"SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)", name).Scan(&exists); err != nil {
		t.Fatal(err)
	}
	if exists {
		t.Fatalf("database %s still exists after its test ended", name)
	}
}

// SWITCHBOARD_TEST_DATABASE_URL wins over everything else.
func TestEnvURL(t *testing.T) {
	// Not parallel: t.Setenv.
	dir, err := os.MkdirTemp("", "pgtest-env-")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(dir)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	c, err := pgcluster.Start(ctx, pgcluster.Options{Dir: dir, Ephemeral: true})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Stop()

	for _, admin := range []string{
		c.DSN("postgres"),
		"host=127.0.0.1 port=" + strconv.Itoa(c.Port) + " user=switchboard dbname=postgres sslmode=disable",
	} {
		t.Setenv(EnvURL, admin)
		srv, err := startServer()
		if err != nil {
			t.Fatal(err)
		}
		if srv.kind != "env" {
			t.Fatalf("kind = %s", srv.kind)
		}
		var db string
		t.Run("db", func(t *testing.T) {
			dsn := srv.newDatabase(t)
			db = currentDatabase(t, connect(t, dsn))
			if !strings.HasPrefix(db, "t_") {
				t.Fatalf("DSN %s connects to %s", dsn, db)
			}
		})
		var exists bool
		if err := srv.admin.QueryRow(ctx, "SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)", db).Scan(&exists); err != nil || exists {
			t.Fatalf("database %s not dropped (err %v)", db, err)
		}
		srv.close()
	}

	t.Setenv(EnvURL, "postgres://nobody@127.0.0.1:1/x?sslmode=disable&connect_timeout=2")
	if _, err := startServer(); err == nil || !strings.Contains(err.Error(), EnvURL) {
		t.Fatalf("unreachable %s: err = %v", EnvURL, err)
	}
}

func TestPingDockerIsQuick(t *testing.T) {
	t.Parallel()
	begin := time.Now()
	err := pingDocker(2 * time.Second)
	if d := time.Since(begin); d > 3*time.Second {
		t.Fatalf("pingDocker took %v", d)
	}
	t.Logf("docker: %v (in %v)", err, time.Since(begin).Round(time.Millisecond))
}

func TestWithDatabase(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"postgres://u:p@h:5432/postgres?sslmode=disable": "postgres://u:p@h:5432/t_x?sslmode=disable",
		"postgresql://u@h":              "postgresql://u@h/t_x",
		"host=h user=u dbname=postgres": "host=h user=u dbname=postgres dbname=t_x",
	} {
		got, err := withDatabase(in, "t_x")
		if err != nil || got != want {
			t.Errorf("withDatabase(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
}
