#pragma once
// A small ImGui file dialog (Debian ships no native file dialog library for C++): a path
// field, the folder's entries filtered by extension, double-click to open. To save, a file
// name field under the list, with the suggested name filled in; a name that is already there
// says "Replace".
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace mesomap::app {

class FileBrowser {
 public:
  void open(const std::filesystem::path& directory, std::vector<std::string> extensions);
  // The save form: `extensions.front()` is added to a name typed without one.
  void openToSave(const std::filesystem::path& directory, const std::string& suggestedName,
                  std::vector<std::string> extensions);
  // Draws the dialog if open; returns the chosen file once. `cancelRequested`: Escape was pressed.
  std::optional<std::filesystem::path> draw(const char* title, bool cancelRequested);
  bool isOpen() const { return open_; }

 private:
  void refresh();
  void drawEntries(std::optional<std::filesystem::path>& chosen);
  void drawSaveRow(std::optional<std::filesystem::path>& chosen);
  std::filesystem::path savePath() const;
  bool saving_ = false;
  std::string fileName_;
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
