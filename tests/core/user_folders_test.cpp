// Where saved files go by default (core/base/user_folders.h): the desktop's Documents and
// Pictures folders, never the current directory.
#include <gtest/gtest.h>

#include "core/base/user_folders.h"

namespace mesomap {
namespace {

// A home folder of its own per test, with the subfolders asked for.
std::filesystem::path freshHome(const std::string& name, std::initializer_list<const char*> subfolders) {
  const auto home = std::filesystem::path(MESOMAP_TEST_OUTPUT) / "user_folders" / name;
  std::filesystem::remove_all(home);
  std::filesystem::create_directories(home);
  for (const char* sub : subfolders) std::filesystem::create_directories(home / sub);
  return home;
}

TEST(UserFolders, UserDirsEntryExpandsHomeAndTakesTheLastLine) {
  const std::string text =
      "# written by xdg-user-dirs-update\n"
      "XDG_DESKTOP_DIR=\"$HOME/Desktop\"\n"
      "XDG_PICTURES_DIR=\"$HOME/Bilder\"\n"
      "XDG_DOCUMENTS_DIR=\"/srv/docs\"\n"
      "XDG_PICTURES_DIR=\"$HOME/Fotos\"\n";
  EXPECT_EQ(userDirsEntry(text, "XDG_PICTURES_DIR", "/home/ana"), "/home/ana/Fotos");
  EXPECT_EQ(userDirsEntry(text, "XDG_DOCUMENTS_DIR", "/home/ana"), "/srv/docs");
  EXPECT_EQ(userDirsEntry(text, "XDG_MUSIC_DIR", "/home/ana"), "");
}

TEST(UserFolders, EachSourceInTurn) {
  const auto home = freshHome("order", {"Documents", "Pictures", "Bilder", "exports"});
  UserFolderSources sources;
  sources.home = home;
  sources.fallback = home / "data";
  // Nothing but the fallback: made, and used.
  const auto bare = freshHome("bare", {});
  EXPECT_EQ(locateUserFolder(UserFolder::Pictures, {std::nullopt, "", bare, bare / "data"}), bare / "data");
  EXPECT_TRUE(std::filesystem::is_directory(bare / "data"));
  // ~/Documents and ~/Pictures where they exist.
  EXPECT_EQ(locateUserFolder(UserFolder::Documents, sources), home / "Documents");
  EXPECT_EQ(locateUserFolder(UserFolder::Pictures, sources), home / "Pictures");
  // user-dirs.dirs before them (a German desktop's "Bilder"); an entry that is $HOME itself
  // means "no such folder" and one that does not exist is skipped.
  sources.userDirsText = "XDG_PICTURES_DIR=\"$HOME/Bilder\"\nXDG_DOCUMENTS_DIR=\"$HOME/\"\n";
  EXPECT_EQ(locateUserFolder(UserFolder::Pictures, sources), home / "Bilder");
  EXPECT_EQ(locateUserFolder(UserFolder::Documents, sources), home / "Documents");
  sources.userDirsText = "XDG_PICTURES_DIR=\"$HOME/Gone\"\n";
  EXPECT_EQ(locateUserFolder(UserFolder::Pictures, sources), home / "Pictures");
  // The variable first, when it names a folder.
  sources.variable = (home / "exports").string();
  EXPECT_EQ(locateUserFolder(UserFolder::Pictures, sources), home / "exports");
  sources.variable = (home / "missing").string();
  EXPECT_EQ(locateUserFolder(UserFolder::Pictures, sources), home / "Pictures");
}

}  // namespace
}  // namespace mesomap
