// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "capture/capture_format.h"
#include "capture/capture_reader.h"
#include "capture/file_byte_source.h"

#include <cstdint>
#include <memory>
#include <string>

namespace sipladder::core {

// Reads pcap (micro- and nanosecond, modified) and pcapng with libpcap; the only file that
// includes <pcap/pcap.h> is its .cpp. When libpcap refuses a pcapng file it cannot represent
// (interfaces with different link types or snapshot lengths, ...), possibly only part-way through,
// the reader hands over to PcapngBlockReader, skipping the frames already delivered, so the caller
// sees one uninterrupted sequence.
class PcapReader final : public CaptureReader {
public:
    // `format` is what the content probe found (Pcap, PcapNanosecond, PcapModified or Pcapng);
    // `displayName` is the path the user gave, for messages.
    static Result<std::unique_ptr<PcapReader>> open(
        std::shared_ptr<const FileByteSource> file, const std::string& displayName, CaptureFormat format);
    ~PcapReader() override;

    ReadStatus next(RawFrame& frame) override;
    const std::string& problem() const override;
    std::string formatName() const override;
    std::uint64_t bytesConsumed() const override;
    std::uint64_t bytesTotal() const override;
    std::shared_ptr<const ByteSource> byteSource() const override;

    // True once PcapngBlockReader has taken over from libpcap.
    bool usesOwnPcapngReader() const;

    // libpcap hands out DLT_* values, which differ from the LINKTYPE_* values files store for a
    // few types (DLT_RAW is 12 or 14, LINKTYPE_RAW 101); RawFrame wants the LINKTYPE_* value.
    static std::uint32_t linkTypeFromDlt(int dlt);

private:
    struct Impl;
    explicit PcapReader(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

} // namespace sipladder::core
