#pragma once
// The Body window: what the model on screen is (size, height, how its units and up axis were
// decided, why it may be no standing human) and the way to read it again at a given height,
// in given units or with a given up axis — what --height, --units and --up do on the command
// line, for a base mesh exported at an arbitrary scale. A free function over plain data that
// returns the load options the user asked for.
#include <optional>
#include <string>
#include <vector>

#include "core/import/model_loader.h"

namespace mesomap::app {

// The body on screen, as the window shows it.
struct BodyDescription {
  std::string name;  // the file's name, or the patient's description
  bool isPatient = false;
  size_t vertices = 0, triangles = 0;
  double heightMetres = 0.0;
  std::string unitsSource, up, upSource;
  std::vector<std::string> warnings;  // from loading and from the human check
};

// The window's controls, kept between frames. Zero/empty means "decide from the file".
struct BodyDraft {
  bool scaleToHeight = false;
  float heightMetres = 1.75f;
  int units = 0;  // 0 from the file, then mm, cm, m
  int up = 0;     // 0 from the file, then +x -x +y -y +z -z
};

// The draft as load options, and back (so the window opens showing what is in force).
LoadOptions loadOptionsFrom(const BodyDraft& draft);
BodyDraft draftFrom(const LoadOptions& options, double currentHeightMetres);

// Returns the load options to read the model again with when the user presses Reload.
std::optional<LoadOptions> drawBodyWindow(bool& open, BodyDraft& draft, const BodyDescription& body);

}  // namespace mesomap::app
