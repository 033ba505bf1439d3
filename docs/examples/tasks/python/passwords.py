"""Store passwords as Argon2id hashes and check them at login.

The plaintext password exists only while a request is being handled: it is
hashed on sign-up, compared against the stored hash on login, and never
written anywhere.
"""

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

# The defaults select Argon2id and a cost that takes a noticeable fraction
# of a second. Raise the parameters over the years; check_needs_rehash()
# then upgrades old hashes as users log in.
hasher = PasswordHasher()

# Checked when the email is unknown, so that a login for a missing account
# takes as long as one with a wrong password.
_DUMMY_HASH = hasher.hash("not-a-real-password")


def hash_password(password: str) -> str:
    """Return a string holding the algorithm, its parameters, a random salt and the hash."""
    return hasher.hash(password)


def verify_password(stored_hash: str, password: str) -> bool:
    try:
        return hasher.verify(stored_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def sign_up(users: dict[str, str], email: str, password: str) -> None:
    users[email] = hash_password(password)


def log_in(users: dict[str, str], email: str, password: str) -> bool:
    stored_hash = users.get(email)
    if stored_hash is None:
        verify_password(_DUMMY_HASH, password)
        return False
    if not verify_password(stored_hash, password):
        return False
    # The password is correct and in memory right now: the only moment
    # an old hash can be replaced with one made under the current settings.
    if hasher.check_needs_rehash(stored_hash):
        users[email] = hash_password(password)
    return True


if __name__ == "__main__":
    users: dict[str, str] = {}  # stands in for the users table
    sign_up(users, "ada@example.com", "correct horse battery staple")
    print(users["ada@example.com"])  # $argon2id$v=19$m=65536,t=3,p=4$...
    print(log_in(users, "ada@example.com", "correct horse battery staple"))  # True
    print(log_in(users, "ada@example.com", "Tr0ub4dor&3"))  # False
