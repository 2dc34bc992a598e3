#pragma once
// Where files the user saves go by default: exported attempts to the Documents folder, pictures
// to the Pictures folder, as the desktop names them (never the current directory, which for an
// app started from a menu is wherever the launcher was). In this order:
//   1. $XDG_DOCUMENTS_DIR / $XDG_PICTURES_DIR, when set to an existing folder;
//   2. the entry in $XDG_CONFIG_HOME/user-dirs.dirs (what `xdg-user-dir` reads; "$HOME/..." is
//      expanded; an entry that is $HOME itself means "none" to xdg-user-dirs, so it is skipped);
//   3. ~/Documents or ~/Pictures, when it exists;
//   4. the fallback the caller gives (mesomap's data folder), created if need be.
#include <filesystem>
#include <optional>
#include <string>

namespace mesomap {

enum class UserFolder { Documents, Pictures };

struct UserFolderSources {
  std::optional<std::string> variable;  // $XDG_..._DIR
  std::string userDirsText;             // the user-dirs.dirs file's text (empty: none)
  std::filesystem::path home;           // $HOME (empty: unknown)
  std::filesystem::path fallback;
};

// The search above from explicit inputs (tests give their own); only existing folders count,
// except the fallback.
std::filesystem::path locateUserFolder(UserFolder which, const UserFolderSources& sources);

// The search for this process: the environment, the user's user-dirs.dirs.
std::filesystem::path userFolder(UserFolder which, const std::filesystem::path& fallback);

// The value user-dirs.dirs gives KEY ("XDG_PICTURES_DIR"), "$HOME" expanded; empty when absent.
std::string userDirsEntry(const std::string& text, const std::string& key, const std::filesystem::path& home);

}  // namespace mesomap
