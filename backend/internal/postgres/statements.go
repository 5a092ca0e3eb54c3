package postgres

import "gorm.io/gorm"

// OnStatement calls f after every SQL statement gorm sends (queries, raw
// SQL, inserts, updates, deletes). Tests use it to hold the join path to
// its promised number of database round trips.
func (db *DB) OnStatement(f func(sql string)) error {
	hook := func(tx *gorm.DB) { f(tx.Statement.SQL.String()) }
	cb := db.gorm.Callback()
	for _, err := range []error{
		cb.Query().After("gorm:query").Register("switchboard:count_query", hook),
		cb.Raw().After("gorm:raw").Register("switchboard:count_raw", hook),
		cb.Row().After("gorm:row").Register("switchboard:count_row", hook),
		cb.Create().After("gorm:create").Register("switchboard:count_create", hook),
		cb.Update().After("gorm:update").Register("switchboard:count_update", hook),
		cb.Delete().After("gorm:delete").Register("switchboard:count_delete", hook),
	} {
		if err != nil {
			return err
		}
	}
	return nil
}
