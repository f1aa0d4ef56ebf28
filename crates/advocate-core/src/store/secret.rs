//! The rules a new passphrase meets, asked by every way of setting one (the command line's
//! encrypt and rekey, the app's Passphrase dialog, [`super::change_passphrase`] itself).

use super::{Error, Result};

/// What is said when a new passphrase is empty or only spaces.
pub const BLANK_PASSPHRASE: &str = "Type a passphrase: it cannot be empty or only spaces.";
/// What is said when the passphrase typed twice differs.
pub const PASSPHRASES_DIFFER: &str =
    "The two passphrases differ: type the same passphrase in both fields. Nothing was changed.";

/// Whether `passphrase` may become a map's passphrase: anything but empty or only white space
/// (which a user cannot tell from no passphrase at all).
pub fn check_new_passphrase(passphrase: &str) -> Result<()> {
    if passphrase.trim().is_empty() {
        return Err(Error::Invalid(BLANK_PASSPHRASE.into()));
    }
    Ok(())
}

/// A new passphrase typed twice (a prompt without echo, or the app's two fields): it must pass
/// [`check_new_passphrase`] and both must be the same.
pub fn check_repeated_passphrase(passphrase: &str, repeated: &str) -> Result<()> {
    check_new_passphrase(passphrase)?;
    if passphrase != repeated {
        return Err(Error::Invalid(PASSPHRASES_DIFFER.into()));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_passphrases_are_refused_and_both_must_match() {
        for blank in ["", " ", "\t \n"] {
            assert_eq!(
                check_new_passphrase(blank).map_err(|e| e.to_string()),
                Err(BLANK_PASSPHRASE.to_string())
            );
        }
        assert!(check_new_passphrase(" spaced out ").is_ok());
        assert_eq!(
            check_repeated_passphrase("one two", "one tw0").map_err(|e| e.to_string()),
            Err(PASSPHRASES_DIFFER.to_string())
        );
        assert_eq!(
            check_repeated_passphrase("  ", "  ").map_err(|e| e.to_string()),
            Err(BLANK_PASSPHRASE.to_string())
        );
        assert!(check_repeated_passphrase("one two", "one two").is_ok());
    }

    #[test]
    fn a_blank_passphrase_never_reaches_the_file() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let path = dir.path().join("m.advocate");
        let mut file =
            super::super::MapFile::create(&path, "Plain").unwrap_or_else(|e| panic!("{e}"));
        let err = file
            .set_passphrase(Some("   "))
            .map(|_| ())
            .map_err(|e| e.to_string());
        assert_eq!(err, Err(BLANK_PASSPHRASE.to_string()));
        assert!(!file.is_encrypted());
        drop(file);
        let err =
            super::super::change_passphrase(&path, None, Some(" ")).map_err(|e| e.to_string());
        assert_eq!(err, Err(BLANK_PASSPHRASE.to_string()));
    }
}
