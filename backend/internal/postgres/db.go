// Package postgres implements the core stores on PostgreSQL through gorm
// (pgx driver). It turns driver errors into core errors so no other package
// needs to know about gorm or SQL.
package postgres

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"gorm.io/driver/postgres"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"
)

// DB is the Switchboard database.
type DB struct {
	gorm *gorm.DB
	sql  *sql.DB

	// Now is the clock used for timestamps the application decides.
	Now func() time.Time
	// ReserveFloor is the minimum number of seats a freshly placed meeting
	// reserves on its node until the next successful poll sees it.
	ReserveFloor int
}

// Open connects to dsn. It does not wait for the database to come up: use
// WaitReady for that.
func Open(dsn string) (*DB, error) {
	g, err := gorm.Open(postgres.New(postgres.Config{DSN: dsn}), &gorm.Config{
		Logger:                 logger.Default.LogMode(logger.Silent),
		SkipDefaultTransaction: true,
		NowFunc:                func() time.Time { return time.Now().UTC() },
	})
	if err != nil {
		return nil, fmt.Errorf("open database: %w", err)
	}
	sqlDB, err := g.DB()
	if err != nil {
		return nil, fmt.Errorf("open database: %w", err)
	}
	// Enough connections for a burst of concurrent first joins, each of which
	// holds a transaction during one BBB create call.
	sqlDB.SetMaxOpenConns(40)
	sqlDB.SetMaxIdleConns(10)
	sqlDB.SetConnMaxIdleTime(5 * time.Minute)
	return &DB{gorm: g, sql: sqlDB, Now: func() time.Time { return time.Now().UTC() }, ReserveFloor: 10}, nil
}

// WaitReady pings until the database answers or ctx ends.
func (db *DB) WaitReady(ctx context.Context) error {
	for {
		err := db.Ping(ctx)
		if err == nil {
			return nil
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("database not reachable: %w", err)
		case <-time.After(500 * time.Millisecond):
		}
	}
}

// Ping checks that the database answers within a short deadline.
func (db *DB) Ping(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	return mapErr(db.sql.PingContext(ctx))
}

// SQL exposes the pool for the poller's advisory lock and for tests.
func (db *DB) SQL() *sql.DB { return db.sql }

// Close closes the pool.
func (db *DB) Close() error { return db.sql.Close() }

func (db *DB) ctx(ctx context.Context) *gorm.DB { return db.gorm.WithContext(ctx) }
