#include "render/framebuffer.h"

#include <algorithm>
#include <cstring>

#include <glad/gl.h>

#include "core/base/error.h"

namespace mesomap::render {

Framebuffer::~Framebuffer() { release(); }

void Framebuffer::release() {
  // Single-sampled, the drawing target is the resolved one: one name, deleted once.
  if (multisampleFbo_ != resolveFbo_) glDeleteFramebuffers(1, &multisampleFbo_);
  glDeleteRenderbuffers(1, &colorBuffer_);
  glDeleteRenderbuffers(1, &depthBuffer_);
  glDeleteFramebuffers(1, &resolveFbo_);
  glDeleteTextures(1, &resolveTexture_);
  multisampleFbo_ = colorBuffer_ = depthBuffer_ = resolveFbo_ = resolveTexture_ = 0;
}

void Framebuffer::resize(int width, int height, int samples) {
  GLint maxSamples = 1;
  glGetIntegerv(GL_MAX_SAMPLES, &maxSamples);
  if (samples != 0) samples = std::clamp(samples, 1, static_cast<int>(maxSamples));
  if (width == width_ && height == height_ && samples == samples_ && resolveFbo_) return;
  if (width <= 0 || height <= 0 || width > 16384 || height > 16384) {
    throw Error(ErrorKind::Render, "framebuffer: size " + std::to_string(width) + "x" + std::to_string(height) +
                                       " is out of range (1..16384)");
  }
  release();
  width_ = width;
  height_ = height;
  samples_ = samples;

  glGenTextures(1, &resolveTexture_);
  glBindTexture(GL_TEXTURE_2D, resolveTexture_);
  // Single-sampled targets are blitted into the window: stored in the window's own byte order
  // (an unsized format and BGRA data let the driver pick it), a blit there can be a plain copy.
  if (samples == 0)
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA, width, height, 0, GL_BGRA, GL_UNSIGNED_BYTE, nullptr);
  else
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, width, height, 0, GL_RGBA, GL_UNSIGNED_BYTE, nullptr);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
  glGenFramebuffers(1, &resolveFbo_);
  glBindFramebuffer(GL_FRAMEBUFFER, resolveFbo_);
  glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, resolveTexture_, 0);
  if (glCheckFramebufferStatus(GL_FRAMEBUFFER) != GL_FRAMEBUFFER_COMPLETE)
    throw Error(ErrorKind::Render, "framebuffer: the resolve target is incomplete");

  if (samples_ == 0) {
    multisampleFbo_ = resolveFbo_;
  } else {
    glGenRenderbuffers(1, &colorBuffer_);
    glBindRenderbuffer(GL_RENDERBUFFER, colorBuffer_);
    glRenderbufferStorageMultisample(GL_RENDERBUFFER, samples_, GL_RGBA8, width_, height_);
    glGenFramebuffers(1, &multisampleFbo_);
    glBindFramebuffer(GL_FRAMEBUFFER, multisampleFbo_);
    glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_RENDERBUFFER, colorBuffer_);
  }
  if (depth_ == Depth::With) {
    glGenRenderbuffers(1, &depthBuffer_);
    glBindRenderbuffer(GL_RENDERBUFFER, depthBuffer_);
    glRenderbufferStorageMultisample(GL_RENDERBUFFER, samples_, GL_DEPTH_COMPONENT24, width_, height_);
    glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_DEPTH_ATTACHMENT, GL_RENDERBUFFER, depthBuffer_);
  }
  if (glCheckFramebufferStatus(GL_FRAMEBUFFER) != GL_FRAMEBUFFER_COMPLETE)
    throw Error(ErrorKind::Render, "framebuffer: the drawing target is incomplete");
  glBindFramebuffer(GL_FRAMEBUFFER, 0);
}

void Framebuffer::copyColorFrom(const Framebuffer& source) const {
  // Same size and samples: a sample-for-sample copy, the same bytes as drawing it again.
  glBindFramebuffer(GL_READ_FRAMEBUFFER, source.multisampleFbo_);
  glBindFramebuffer(GL_DRAW_FRAMEBUFFER, multisampleFbo_);
  glBlitFramebuffer(0, 0, width_, height_, 0, 0, width_, height_, GL_COLOR_BUFFER_BIT, GL_NEAREST);
  glBindFramebuffer(GL_FRAMEBUFFER, 0);
}

void Framebuffer::bindForDrawing() const {
  glBindFramebuffer(GL_FRAMEBUFFER, multisampleFbo_);
  glViewport(0, 0, width_, height_);
}

void Framebuffer::resolve() const {
  if (samples_ == 0) return;  // drawn straight into the resolved texture
  glBindFramebuffer(GL_READ_FRAMEBUFFER, multisampleFbo_);
  glBindFramebuffer(GL_DRAW_FRAMEBUFFER, resolveFbo_);
  glBlitFramebuffer(0, 0, width_, height_, 0, 0, width_, height_, GL_COLOR_BUFFER_BIT, GL_NEAREST);
  glBindFramebuffer(GL_FRAMEBUFFER, 0);
}

Image readFramebufferPixels(unsigned fbo, int width, int height, bool topRowFirst) {
  Image image;
  image.width = width;
  image.height = height;
  image.rgba.resize(static_cast<size_t>(width) * height * 4);
  glBindFramebuffer(GL_READ_FRAMEBUFFER, fbo);
  if (fbo == 0) glReadBuffer(GL_BACK);
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadPixels(0, 0, width, height, GL_RGBA, GL_UNSIGNED_BYTE, image.rgba.data());
  glBindFramebuffer(GL_READ_FRAMEBUFFER, 0);
  // GL's first row is the bottom one; PNG's is the top.
  if (topRowFirst) return image;
  const size_t row = static_cast<size_t>(width) * 4;
  std::vector<uint8_t> swap(row);
  for (int y = 0; y < height / 2; ++y) {
    uint8_t* a = &image.rgba[y * row];
    uint8_t* b = &image.rgba[(height - 1 - y) * row];
    std::memcpy(swap.data(), a, row);
    std::memcpy(a, b, row);
    std::memcpy(b, swap.data(), row);
  }
  return image;
}

void unpremultiplyAlpha(Image& image) {
  for (size_t i = 0; i < image.rgba.size(); i += 4) {
    const unsigned alpha = image.rgba[i + 3];
    if (alpha == 0 || alpha == 255) continue;
    for (int c = 0; c < 3; ++c)
      image.rgba[i + c] = static_cast<uint8_t>(std::min(255u, (image.rgba[i + c] * 255u + alpha / 2) / alpha));
  }
}

Image Framebuffer::readPixels() const { return readFramebufferPixels(resolveFbo_, width_, height_, topRowFirst_); }

void Framebuffer::blitToDefault(int windowWidth, int windowHeight) const {
  glBindFramebuffer(GL_READ_FRAMEBUFFER, resolveFbo_);
  glBindFramebuffer(GL_DRAW_FRAMEBUFFER, 0);
  if (topRowFirst_)
    glBlitFramebuffer(0, 0, width_, height_, 0, windowHeight, windowWidth, 0, GL_COLOR_BUFFER_BIT, GL_NEAREST);
  else
    glBlitFramebuffer(0, 0, width_, height_, 0, 0, windowWidth, windowHeight, GL_COLOR_BUFFER_BIT, GL_NEAREST);
  glBindFramebuffer(GL_FRAMEBUFFER, 0);
}

}  // namespace mesomap::render
