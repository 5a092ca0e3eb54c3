package app

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"switchboard/backend/internal/accounts"
	"switchboard/backend/internal/cluster"
	"switchboard/backend/internal/config"
	"switchboard/backend/internal/core"
	"switchboard/backend/internal/postgres"
)

// OpenDB opens the database, waits up to 30 s for it and applies migrations.
func OpenDB(ctx context.Context, dsn string) (*postgres.DB, error) {
	db, err := postgres.Open(dsn)
	if err != nil {
		return nil, err
	}
	wctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	if err := db.WaitReady(wctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("DATABASE_URL: %w", err)
	}
	if err := db.Migrate(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

// CreateUser is `switchboard admin create-user`.
func CreateUser(ctx context.Context, cfg *config.Config, email, name, password string, admin bool) (*core.User, error) {
	db, err := OpenDB(ctx, cfg.DatabaseURL)
	if err != nil {
		return nil, err
	}
	defer db.Close()
	role := core.RoleUser
	if admin {
		role = core.RoleAdmin
	}
	svc := &accounts.Service{Users: db, BcryptCost: cfg.BcryptCost}
	u, err := svc.CreateUser(ctx, accounts.RegisterInput{Email: email, Name: name, Password: password}, role)
	if err != nil {
		var ce *core.Error
		if errors.As(err, &ce) && len(ce.Fields) > 0 {
			var parts []string
			for f, m := range ce.Fields {
				parts = append(parts, "--"+f+" "+m)
			}
			return nil, fmt.Errorf("%s", strings.Join(parts, "; "))
		}
		return nil, fmt.Errorf("%s", core.ErrorMessage(err))
	}
	return u, nil
}

// SeedNodes is `switchboard admin seed-nodes FILE`: it registers the nodes
// of a servers.json file (the compose demo profile uses it).
func SeedNodes(ctx context.Context, cfg *config.Config, path string) (int, error) {
	entries, err := cluster.LoadNodesFile(path)
	if err != nil {
		return 0, err
	}
	db, err := OpenDB(ctx, cfg.DatabaseURL)
	if err != nil {
		return 0, err
	}
	defer db.Close()
	if err := (&cluster.Admin{Nodes: db}).Seed(ctx, entries); err != nil {
		return 0, err
	}
	return len(entries), nil
}
