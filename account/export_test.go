package account

import (
	"github.com/securebase/securebase"
	"github.com/securebase/securebase/crypt"
)

// UnlockWithRecovery opens u's data key with a recovery key without
// changing anything, the way a thief holding a copy of the database
// would.
func UnlockWithRecovery(s *Service, u *securebase.User, rk crypt.RecoveryKey) (securebase.Sealer, error) {
	raw, legacy, err := s.unlockWithRecovery(u, rk)
	if err != nil {
		return nil, err
	}
	a, err := oldActor(u, raw, legacy)
	return a.Key, err
}

// ObserveHashes calls f as each password hash starts, with the account it
// is for; the function f returns is called as the hash ends.
func ObserveHashes(s *Service, f func(account string) (done func())) { s.onHash = f }
