#pragma once
// An offscreen target: multisampled colour + depth, resolved into a plain RGBA8 texture.
// The window and headless renders both draw here, so they produce the same pixels.
// With 0 samples it is single-sampled and drawn straight into the resolved texture, with
// nothing to resolve (the frames drawn while the camera moves).
#include "core/base/image.h"

namespace mesomap::render {

class Framebuffer {
 public:
  enum class Depth { With, Without };
  // Without depth: a colour-only copy source (the renderer's backdrop cache).
  explicit Framebuffer(Depth depth = Depth::With) : depth_(depth) {}
  ~Framebuffer();
  Framebuffer(const Framebuffer&) = delete;
  Framebuffer& operator=(const Framebuffer&) = delete;

  // (Re)allocates when the size changes. Samples are clamped to what the driver offers; 0
  // means single-sampled (see above).
  void resize(int width, int height, int samples = 4);
  void bindForDrawing() const;
  // Resolves the multisampled image; call after drawing, before reading or blitting.
  void resolve() const;
  // Copies the drawn colour (every sample) of a target of the same size and samples.
  void copyColorFrom(const Framebuffer& source) const;
  Image readPixels() const;
  // Copies the resolved image into the currently bound window framebuffer.
  void blitToDefault(int windowWidth, int windowHeight) const;

  // The resolved image as a texture, for drawing it in a UI: GL's bottom-up rows, or top row
  // first for a target drawn with the upper-left origin (see below).
  unsigned texture() const { return resolveTexture_; }

  // Rows stored top row first, as a window's are (drawn with glClipControl's upper-left origin):
  // blitted into the window, llvmpipe then copies rows instead of drawing a flipped quad.
  void setTopRowFirst(bool topRowFirst) { topRowFirst_ = topRowFirst; }
  bool topRowFirst() const { return topRowFirst_; }

  int width() const { return width_; }
  int height() const { return height_; }
  int samples() const { return samples_; }

 private:
  void release();
  Depth depth_ = Depth::With;
  bool topRowFirst_ = false;
  int width_ = 0, height_ = 0, samples_ = 0;
  unsigned multisampleFbo_ = 0, colorBuffer_ = 0, depthBuffer_ = 0;
  unsigned resolveFbo_ = 0, resolveTexture_ = 0;
};

// Reads `width` x `height` pixels of framebuffer `fbo` (0: the window's back buffer) into an
// image with the top row first, as PNG wants. `topRowFirst`: the framebuffer already stores its
// rows that way (drawn with glClipControl's upper-left origin), so no rows are swapped.
Image readFramebufferPixels(unsigned fbo, int width, int height, bool topRowFirst = false);

// Pixels drawn over a transparent clear come out of the multisample resolve premultiplied by
// their coverage; PNG stores straight alpha, so this divides it back out.
void unpremultiplyAlpha(Image& image);

}  // namespace mesomap::render
