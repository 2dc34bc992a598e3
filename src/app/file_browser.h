#pragma once
// A small ImGui "open file" dialog (Debian ships no native file dialog library for C++):
// a path field, the folder's entries filtered by extension, double-click to open.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace mesomap::app {

class FileBrowser {
 public:
  void open(const std::filesystem::path& directory, std::vector<std::string> extensions);
  // Draws the dialog if open; returns the chosen file once. `cancelRequested`: Escape was pressed.
  std::optional<std::filesystem::path> draw(const char* title, bool cancelRequested);
  bool isOpen() const { return open_; }

 private:
  void refresh();
  bool open_ = false;
  bool justOpened_ = false;
  std::filesystem::path directory_;
  std::vector<std::string> extensions_;  // lower case, with dot
  std::vector<std::filesystem::directory_entry> entries_;
  std::string pathInput_;
  std::string problem_;
  int selected_ = -1;
};

}  // namespace mesomap::app
