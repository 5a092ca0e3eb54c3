package postgres

import (
	"context"
	"database/sql"
	"sync"
)

// PollerLockKey is the advisory lock that makes one replica the poller.
const PollerLockKey = 7215_0002

// Leader holds a session-level advisory lock on a dedicated connection. The
// lock lives as long as that connection, so a crashed replica's lock is
// released by Postgres and another replica takes over at its next tick.
type Leader struct {
	db   *sql.DB
	key  int64
	mu   sync.Mutex
	conn *sql.Conn
}

// NewLeader returns a Leader for key on db.
func NewLeader(db *DB, key int64) *Leader { return &Leader{db: db.sql, key: key} }

// TryAcquire reports whether this process holds the lock, taking it if free.
func (l *Leader) TryAcquire(ctx context.Context) (bool, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.conn != nil {
		if err := l.conn.PingContext(ctx); err == nil {
			return true, nil
		}
		l.conn.Close() //nolint:errcheck // the connection is gone; so is the lock
		l.conn = nil
	}
	conn, err := l.db.Conn(ctx)
	if err != nil {
		return false, mapErr(err)
	}
	var got bool
	if err := conn.QueryRowContext(ctx, `SELECT pg_try_advisory_lock($1)`, l.key).Scan(&got); err != nil {
		conn.Close() //nolint:errcheck
		return false, mapErr(err)
	}
	if !got {
		conn.Close() //nolint:errcheck
		return false, nil
	}
	l.conn = conn
	return true, nil
}

// Release gives the lock up.
func (l *Leader) Release() {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.conn == nil {
		return
	}
	l.conn.ExecContext(context.Background(), `SELECT pg_advisory_unlock($1)`, l.key) //nolint:errcheck
	l.conn.Close()                                                                   //nolint:errcheck
	l.conn = nil
}
